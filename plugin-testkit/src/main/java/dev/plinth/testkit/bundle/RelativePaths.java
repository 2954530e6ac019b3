package dev.plinth.testkit.bundle;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;

/**
 * Checks the paths a test puts into a bundle through the normal builders, so an honest bundle
 * never contains a hostile entry by accident (use {@link HostileArchives} for those).
 */
final class RelativePaths {
  private RelativePaths() {}

  static String check(String field, String path) {
    boolean bad = path.isEmpty() || path.startsWith("/") || path.endsWith("/")
        || path.contains("\\") || path.contains("\0") || path.contains("//");
    for (String segment : path.split("/")) {
      bad |= segment.equals("..") || segment.equals(".");
    }
    if (bad) {
      throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
          field + " must be a relative path of plain segments: " + path,
          "Use a path such as 'docs/readme.txt'; build attack archives with HostileArchives.");
    }
    return path;
  }
}
