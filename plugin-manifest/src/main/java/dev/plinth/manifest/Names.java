package dev.plinth.manifest;

import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The naming rules of the manifest format, in one place. Stateless and thread-safe. */
final class Names {
  static final String ID_RULE = "^[a-z][a-z0-9_]{1,47}$";
  static final Pattern ID = Pattern.compile(ID_RULE);
  /** Same rule as {@code dev.plinth.api.hook.HookPoint}. */
  static final Pattern HOOK_POINT = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$");
  static final Pattern TOOL = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
  static final Pattern SECRET = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,127}$");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern HOST_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Set<String> KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
      "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
      "native", "new", "package", "private", "protected", "public", "return", "short", "static",
      "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
      "void", "volatile", "while", "true", "false", "null", "_");
  /** Package prefixes a plugin may never export: the JDK's and Plinth's own API. */
  static final Set<String> RESERVED_PACKAGE_ROOTS =
      Set.of("java", "javax", "jdk", "sun", "com.sun", "dev.plinth.api");

  private Names() {}

  /** A dotted Java name: identifiers that are not keywords, separated by single dots. */
  static boolean isQualifiedName(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (!IDENTIFIER.matcher(part).matches() || KEYWORDS.contains(part)) {
        return false;
      }
    }
    return true;
  }

  /** A class name with a package: {@code com.acme.Thing}, not {@code Thing}. */
  static boolean isClassName(String name) {
    return isQualifiedName(name) && name.contains(".");
  }

  /** The reserved root a package falls under, or null. */
  static @Nullable String reservedRoot(String pkg) {
    for (String root : RESERVED_PACKAGE_ROOTS) {
      if (pkg.equals(root) || pkg.startsWith(root + ".")) {
        return root;
      }
    }
    return null;
  }

  /**
   * A network permission: a host name or IPv4 address, optionally {@code *.}-prefixed, optionally
   * with {@code :port}. No scheme, path, user info or bare {@code *}.
   */
  static boolean isNetworkHost(String value) {
    String host = value;
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      String port = host.substring(colon + 1);
      if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        return false;
      }
      host = host.substring(0, colon);
    }
    if (host.startsWith("*.")) {
      host = host.substring(2);
    }
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }
}
