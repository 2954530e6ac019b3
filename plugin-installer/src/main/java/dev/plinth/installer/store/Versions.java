package dev.plinth.installer.store;

import java.util.Comparator;
import org.semver4j.Semver;

/** Semantic-version comparisons (semver4j), tolerant of versions it cannot parse. */
final class Versions {
  /** Orders by semantic version; unparseable versions sort before parseable ones, then by text. */
  static final Comparator<String> ORDER = Versions::compare;

  private Versions() {}

  static int compare(String a, String b) {
    Semver sa = Semver.parse(a);
    Semver sb = Semver.parse(b);
    if (sa != null && sb != null) {
      return sa.compareTo(sb);
    }
    if (sa == null && sb == null) {
      return a.compareTo(b);
    }
    return sa == null ? -1 : 1;
  }

  /** Whether {@code version} lies in the npm-style {@code range}; false when either cannot be read. */
  static boolean satisfies(String version, String range) {
    Semver v = Semver.parse(version);
    if (v == null) {
      return false;
    }
    try {
      return v.satisfies(range);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
