package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The paths a jar makes the JDK's class loader follow to further jars, read and resolved as {@code
 * URLClassLoader} does: the tokens of its {@code Class-Path} manifest attribute, and the jars its
 * {@value #INDEX_NAME} names (a jar index, which JDK 17 still follows; later JDKs ignore it).
 * Preflight, the installer and the runtime use it to keep a plugin's classpath inside its bundle.
 * Stateless.
 */
@API(status = INTERNAL, since = "0.1")
public final class JarClassPath {
  /** The manifest's entry name, matched without case as the JDK does. */
  public static final String MANIFEST_NAME = JarFile.MANIFEST_NAME;
  /** The jar index's entry name, matched exactly as the JDK does. */
  public static final String INDEX_NAME = "META-INF/INDEX.LIST";
  /** The {@link Reference#field} of a {@code Class-Path} token. */
  public static final String CLASS_PATH_FIELD = "Class-Path";

  /** The most of a manifest's main section read; a {@code Class-Path} of thousands of jars fits. */
  public static final int MAX_MAIN_SECTION = 1 << 20;
  /** The most of a jar index read. */
  public static final int MAX_INDEX = 8 << 20;

  private static final byte[] KEY = "class-path:".getBytes(StandardCharsets.US_ASCII);

  private JarClassPath() {}

  /**
   * One path a jar makes the loader follow.
   *
   * @param field where the jar names it: {@value #CLASS_PATH_FIELD} or {@value #INDEX_NAME}
   * @param token the path as written there, relative to the jar or an absolute {@code file:} URL
   */
  public record Reference(String field, String token) {
    /** What to remove from {@code jar} to drop this reference, for an operator's next step. */
    public String removal(String jar) {
      return field.equals(CLASS_PATH_FIELD)
          ? "the Class-Path attribute from " + jar + "'s META-INF/MANIFEST.MF"
          : field + " from " + jar;
    }
  }

  /**
   * The references of a jar, {@code Class-Path} tokens first, from its manifest's main section
   * ({@link #mainSection}) and its index ({@link #index}); either may be null when the jar has none.
   *
   * @throws IOException when the manifest that names a {@code Class-Path} cannot be parsed
   */
  public static List<Reference> references(byte @Nullable [] mainSection, byte @Nullable [] index) throws IOException {
    List<Reference> out = new ArrayList<>();
    tokens(mainSection).forEach(t -> out.add(new Reference(CLASS_PATH_FIELD, t)));
    indexedJars(index).forEach(t -> out.add(new Reference(INDEX_NAME, t)));
    return out;
  }

  /**
   * The references of {@code jar} whose {@link #target} is outside {@code root}, judged on the
   * normalised path alone (links are not followed: callers that must, resolve them).
   */
  public static List<Reference> leaving(Path root, Path jar, List<Reference> references) {
    Path inside = root.toAbsolutePath().normalize();
    List<Reference> out = new ArrayList<>();
    for (Reference r : references) {
      Path target = target(jar, r.token());
      if (target != null && !target.startsWith(inside)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Reads a manifest's main section: its bytes up to the first blank line, where the per-entry
   * sections (in a signed jar, one digest per entry) begin. Bounded, so that a compressed entry
   * that inflates without end cannot exhaust memory.
   *
   * @throws IOException when the main section is longer than {@value #MAX_MAIN_SECTION} bytes
   */
  public static byte[] mainSection(InputStream manifest) throws IOException {
    InputStream in = new BufferedInputStream(manifest);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    boolean lineEmpty = true;
    int previous = -1;
    for (int c = in.read(); c != -1; c = in.read()) {
      if (out.size() >= MAX_MAIN_SECTION) {
        throw new IOException("manifest main section is longer than " + MAX_MAIN_SECTION + " bytes");
      }
      out.write(c);
      if (c == '\n' && previous == '\r') {
        previous = c; // the LF of a CRLF ends the same line
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (lineEmpty) {
          break; // a blank line: the main section is over
        }
        lineEmpty = true;
      } else {
        lineEmpty = false;
      }
      previous = c;
    }
    if (!lineEmpty) {
      out.write('\n'); // the parser drops a last line that has no line end
    }
    return out.toByteArray();
  }

  /**
   * Reads a jar index, bounded like {@link #mainSection}.
   *
   * @throws IOException when it is longer than {@value #MAX_INDEX} bytes
   */
  public static byte[] index(InputStream index) throws IOException {
    byte[] bytes = index.readNBytes(MAX_INDEX + 1);
    if (bytes.length > MAX_INDEX) {
      throw new IOException(INDEX_NAME + " is longer than " + MAX_INDEX + " bytes");
    }
    return bytes;
  }

  /**
   * The tokens of the main {@code Class-Path} attribute of a manifest's bytes, split on white space
   * as the JDK splits them; empty when there is none. The manifest is only parsed when its bytes
   * name the attribute at all.
   *
   * @throws IOException when the manifest that names it cannot be parsed
   */
  static List<String> tokens(byte @Nullable [] manifest) throws IOException {
    if (manifest == null || !mentionsClassPath(manifest)) {
      return List.of();
    }
    String value = new Manifest(new ByteArrayInputStream(manifest)).getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    if (value == null) {
      return List.of();
    }
    List<String> tokens = new ArrayList<>();
    for (StringTokenizer t = new StringTokenizer(value); t.hasMoreTokens(); ) {
      tokens.add(t.nextToken());
    }
    return tokens;
  }

  /**
   * The jars a jar index names, in order: as the JDK reads {@value #INDEX_NAME}, every line ending
   * in {@code .jar} (the others are the packages each holds). Relative to the indexed jar, like
   * {@code Class-Path} tokens; resolve them with {@link #target}.
   */
  static List<String> indexedJars(byte @Nullable [] index) {
    if (index == null) {
      return List.of();
    }
    List<String> jars = new ArrayList<>();
    new String(index, StandardCharsets.UTF_8).lines().filter(l -> l.endsWith(".jar")).forEach(jars::add);
    return jars;
  }

  /**
   * Where one token of {@code jar}'s {@code Class-Path}, or one jar its index names, leads: a
   * relative URL resolved against the jar's own, or an absolute {@code file:} URL, mapped to a path
   * the way the JDK's loader maps it (the URL's file part, percent-decoded, with no URI parsing, so
   * characters a URI refuses still count), normalised; not checked to exist, links not followed.
   * Null when the JDK would ignore the token: another scheme, a remote host, or a token that does
   * not form a URL.
   */
  public static @Nullable Path target(Path jar, String token) {
    URL url;
    try {
      url = new URL(jar.toAbsolutePath().toUri().toURL(), token);
    } catch (MalformedURLException e) {
      return null;
    }
    String host = url.getHost();
    if (!"file".equalsIgnoreCase(url.getProtocol())
        || host != null && !host.isEmpty() && !"localhost".equalsIgnoreCase(host)) {
      return null;
    }
    try {
      return Path.of(percentDecoded(url.getFile())).normalize();
    } catch (IllegalArgumentException e) { // InvalidPathException too
      return null;
    }
  }

  /** {@code %XX} sequences decoded as UTF-8 bytes, everything else kept, as the JDK decodes file URLs. */
  static String percentDecoded(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] in = s.getBytes(StandardCharsets.UTF_8); // '%' and hex digits are single bytes in UTF-8
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] != '%') {
        out.write(in[i]);
        continue;
      }
      int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(in[i + 2], 16);
      if (lo < 0) {
        throw new IllegalArgumentException("bad escape in " + s);
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean mentionsClassPath(byte[] bytes) {
    outer:
    for (int i = 0; i + KEY.length <= bytes.length; i++) {
      for (int k = 0; k < KEY.length; k++) {
        if (Character.toLowerCase((char) (bytes[i + k] & 0xff)) != KEY[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
