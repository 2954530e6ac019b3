package dev.plinth.manifest;

import org.jspecify.annotations.Nullable;

/**
 * Checks paths written in a manifest: bundle-relative paths (classpath entries) and filesystem
 * permissions (relative to, or rooted at, {@code ${data_dir}}). Stateless and thread-safe.
 */
final class PathRules {
  static final String DATA_DIR = "${data_dir}";
  private static final java.util.regex.Pattern DRIVE = java.util.regex.Pattern.compile("^[A-Za-z]:.*");

  private PathRules() {}

  /** Reports a bundle path that is empty, absolute, climbs out or uses backslashes. */
  static void checkRelative(Issues issues, String field, String path) {
    String rule = relativeProblem(path);
    if (path.isBlank()) {
      issues.add(ManifestCode.MANIFEST_FIELD_EMPTY, field, path, "must not be empty",
          "Give a path relative to the bundle root, such as `lib/*.jar`.");
    } else if (rule != null) {
      issues.add(ManifestCode.PATH_TRAVERSAL, field, path, rule,
          "Use a forward-slash path relative to the bundle root, without `..`.");
    }
  }

  /**
   * Reports a filesystem permission that is not inside the plugin's data folder.
   *
   * @return true when the path is fine
   */
  static boolean checkPermission(Issues issues, String field, String path) {
    if (path.isBlank()) {
      issues.add(ManifestCode.MANIFEST_FIELD_EMPTY, field, path, "must not be empty",
          "Write `${data_dir}` or a path below it.");
      return false;
    }
    String rest = path;
    if (path.startsWith(DATA_DIR)) {
      rest = path.substring(DATA_DIR.length());
      if (!rest.isEmpty() && !rest.startsWith("/")) {
        issues.add(ManifestCode.PATH_TRAVERSAL, field, path, "must continue `${data_dir}` with `/`",
            "Write `${data_dir}` or `${data_dir}/sub/folder`.");
        return false;
      }
      rest = rest.isEmpty() ? "." : rest.substring(1);
    } else if (path.contains("${")) {
      issues.add(ManifestCode.PATH_TRAVERSAL, field, path,
          "uses a variable other than `${data_dir}`",
          "Only `${data_dir}` is defined; write `${data_dir}` or a path below it.");
      return false;
    }
    String rule = relativeProblem(rest);
    if (rule != null) {
      issues.add(ManifestCode.PATH_TRAVERSAL, field, path, rule,
          "Write `${data_dir}` or a forward-slash path below it, without `..`.");
      return false;
    }
    return true;
  }

  /** Why a relative path is unsafe, or null when it is fine. */
  static @Nullable String relativeProblem(String path) {
    if (path.indexOf('\0') >= 0) {
      return "must not contain NUL";
    }
    if (path.indexOf('\\') >= 0) {
      return "must use `/`, not backslashes";
    }
    if (path.startsWith("/") || path.startsWith("~") || DRIVE.matcher(path).matches()) {
      return "must be relative, not absolute";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        return "must not contain `..`";
      }
    }
    return null;
  }
}
