package dev.plinth.runtime.classloading;

import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Resolves {@code runtime.classpath} entries inside a version folder: plain entries name a folder or
 * a jar, and an entry whose last segment holds a glob ({@code lib/*.jar}) expands to the matching
 * files of that folder, sorted by name. Missing entries are skipped (the default classpath names
 * both {@code classes} and {@code lib/*.jar}); entries that leave the folder, even through a
 * symbolic link, are refused.
 */
final class ClasspathResolver {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
  private static final int MAX_MATCHERS = 64;
  private static final Map<String, PathMatcher> MATCHERS = new ConcurrentHashMap<>();

  private ClasspathResolver() {}

  /**
   * A resolved classpath.
   *
   * @param root the version folder's real path, which every entry is inside
   * @param entries the real paths of the jars and folders, in classpath order
   */
  record Resolved(Path root, List<Path> entries) {}

  static Resolved resolve(String pluginId, Path versionDir, List<String> entries) {
    Path root;
    try {
      root = versionDir.toRealPath();
    } catch (IOException e) {
      throw invalid(pluginId, "plugin.runtime.classpath root must be an existing folder: " + versionDir,
          versionDir.toString(), e);
    }
    Set<Path> out = new LinkedHashSet<>();
    for (String entry : entries) {
      checkRelative(pluginId, entry);
      int slash = entry.lastIndexOf('/');
      String last = entry.substring(slash + 1);
      if (last.contains("*") || last.contains("?") || last.contains("[") || last.contains("{")) {
        Path dir = slash < 0 ? root : root.resolve(entry.substring(0, slash)).normalize();
        out.addAll(expand(pluginId, root, dir, last, entry));
      } else {
        Path p = root.resolve(entry).normalize();
        if (Files.exists(p)) {
          out.add(inside(pluginId, root, p, entry));
        }
      }
    }
    if (out.isEmpty()) {
      throw new PluginRuntimeException(
          RuntimeErrorCode.CLASSPATH_EMPTY,
          pluginId,
          "plugin.runtime.classpath must name at least one existing folder or jar: " + entries,
          "Put the plugin's classes under classes/ or its jars under lib/, or list them in"
              + " [plugin.runtime] classpath.",
          Map.of("field", "plugin.runtime.classpath", "value", String.valueOf(entries)),
          null);
    }
    return new Resolved(root, List.copyOf(out));
  }

  private static List<Path> expand(String pluginId, Path root, Path dir, String glob, String entry) {
    Path realDir;
    if (dir.equals(root)) {
      realDir = root;
    } else if (root.equals(dir.getParent()) && isPlainDirectory(dir)) {
      // A real folder directly inside the real root: its real path is itself, no lookup needed.
      realDir = dir;
    } else if (!Files.isDirectory(dir)) {
      return List.of();
    } else {
      realDir = inside(pluginId, root, dir, entry);
    }
    PathMatcher matcher = matcher(glob);
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (!matcher.matches(f.getFileName())) {
          continue;
        }
        BasicFileAttributes own;
        try {
          own = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
          continue; // removed while listing: as if it had not matched
        }
        if (own.isRegularFile()) {
          // Not a link, in a folder whose real path is inside: its real path needs no lookup.
          found.add(realDir.resolve(f.getFileName()));
        } else if (own.isSymbolicLink() && Files.isRegularFile(f)) {
          found.add(inside(pluginId, root, f, entry));
        }
      }
    } catch (IOException e) {
      throw new PluginRuntimeException(
          RuntimeErrorCode.CLASSPATH_UNREADABLE, pluginId,
          "plugin.runtime.classpath folder must be readable: " + dir,
          "Check the permissions of the plugin's version folder, or reinstall the plugin.",
          Map.of("field", "plugin.runtime.classpath", "value", entry), e);
    }
    found.sort(null);
    return found;
  }

  /** True when {@code p} itself (not a link to one) is a folder. */
  private static boolean isPlainDirectory(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
    } catch (IOException e) {
      return false;
    }
  }

  /** Compiling a glob costs more than resolving the classpath; manifests use a handful of globs. */
  private static PathMatcher matcher(String glob) {
    PathMatcher m = MATCHERS.get(glob);
    if (m == null) {
      m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (MATCHERS.size() < MAX_MATCHERS) {
        MATCHERS.putIfAbsent(glob, m);
      }
    }
    return m;
  }

  private static void checkRelative(String pluginId, String entry) {
    boolean bad = entry.isEmpty() || entry.startsWith("/") || entry.contains("\\")
        || entry.contains("\0") || DRIVE.matcher(entry).matches() || Path.of(entry).isAbsolute();
    for (String segment : entry.split("/")) {
      bad |= segment.equals("..");
    }
    if (bad) {
      throw invalid(pluginId,
          "plugin.runtime.classpath entry must be a relative path inside the bundle: " + entry, entry, null);
    }
  }

  private static Path inside(String pluginId, Path root, Path p, String entry) {
    try {
      Path real = p.toRealPath();
      if (!real.startsWith(root)) {
        throw invalid(pluginId,
            "plugin.runtime.classpath entry must stay inside the bundle: " + entry, entry, null);
      }
      return real;
    } catch (IOException e) {
      throw invalid(pluginId, "plugin.runtime.classpath entry must be readable: " + entry, entry, e);
    }
  }

  private static PluginRuntimeException invalid(
      String pluginId, String message, String value, Exception cause) {
    return new PluginRuntimeException(
        RuntimeErrorCode.CLASSPATH_INVALID,
        pluginId,
        message,
        "Use relative paths inside the bundle in [plugin.runtime] classpath (such as lib/*.jar),"
            + " and reinstall the plugin.",
        Map.of("field", "plugin.runtime.classpath", "value", value),
        cause);
  }
}
