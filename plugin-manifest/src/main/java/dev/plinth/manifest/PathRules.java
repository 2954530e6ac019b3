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
    String variable = variableProblem(path);
    if (variable != null) {
      issues.add(ManifestCode.PATH_VARIABLE_INVALID, field, path, variable,
          "Only `${data_dir}` is defined, and only as the start of a path: write `${data_dir}`,"
              + " `${data_dir}/sub/folder`, or a path relative to the data folder.");
      return false;
    }
    String rest = path;
    if (path.startsWith(DATA_DIR)) {
      rest = path.substring(DATA_DIR.length());
      rest = rest.isEmpty() ? "." : rest.substring(1);
    }
    String rule = relativeProblem(rest);
    if (rule != null) {
      issues.add(ManifestCode.PATH_TRAVERSAL, field, path, rule,
          "Write `${data_dir}` or a forward-slash path below it, without `..`.");
      return false;
    }
    return true;
  }

  /**
   * Why a path's {@code ${...}} interpolation is wrong, or null when it has none or only a leading
   * {@code ${data_dir}} followed by nothing or {@code /}. A {@code $} without braces is left alone:
   * it is an ordinary file name character.
   */
  static @Nullable String variableProblem(String path) {
    int from = 0;
    for (int at = path.indexOf("${"); at >= 0; at = path.indexOf("${", from)) {
      int close = path.indexOf('}', at);
      if (close < 0) {
        return "has a `${` without its closing `}`";
      }
      String name = path.substring(at + 2, close);
      if (!name.equals("data_dir")) {
        return "uses the unknown variable `${" + name + "}`";
      }
      if (at != 0) {
        return "may use `${data_dir}` only at the start";
      }
      if (close + 1 < path.length() && path.charAt(close + 1) != '/') {
        return "must continue `${data_dir}` with `/`";
      }
      from = close + 1;
    }
    return null;
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
