package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * Version and range handling on top of semver4j. semver4j reads npm-style ranges but silently
 * turns what it cannot read into an empty range (or drops a trailing operator), so every range is
 * first checked against the npm grammar here, and only then compiled. Stateless and thread-safe.
 */
final class VersionRanges {
  /** The semver.org 2.0.0 pattern: no leading {@code v}, no leading zeros. */
  private static final Pattern SEMVER = Pattern.compile(
      "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
  private static final String XR = "(?:[xX*]|0|[1-9]\\d*)";
  private static final Pattern PARTIAL = Pattern.compile(
      "v?" + XR + "(?:\\." + XR + "(?:\\." + XR
          + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?)?");
  private static final Pattern COMPARATOR =
      Pattern.compile("(<=|>=|<|>|=|~>|~|\\^)?(" + PARTIAL.pattern() + ")");
  private static final Pattern WILDCARD = Pattern.compile("[xX*](?:\\.[xX*]){0,2}");
  private static final Pattern OPERATOR_SPACE = Pattern.compile("(<=|>=|<|>|=|~>|~|\\^)\\s+");
  private static final Pattern JAVA = Pattern.compile("^(?:1\\.(\\d+)|(\\d+))(?:\\.(\\d+))?(?:\\.(\\d+))?.*$");
  private static final Pattern OR = Pattern.compile("\\|\\|");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern LOOSE_HOST = Pattern.compile("^(\\d+)(?:\\.(\\d+))?$");

  private VersionRanges() {}

  /** A strict semantic version, or null. */
  static @Nullable Semver strict(String version) {
    return isStrict(version) ? Semver.parse(version) : null;
  }

  /**
   * Whether {@code version} is a strict semantic version, checked without semver4j: validating a
   * manifest needs no version object, and a cold JVM spends tens of milliseconds loading semver4j.
   */
  static boolean isStrict(String version) {
    return SEMVER.matcher(version).matches();
  }

  /** A host-stated version: strict semver, or {@code 2} / {@code 2.1} padded with zeros. */
  static @Nullable Semver host(String version) {
    Semver strict = strict(version.trim());
    if (strict != null) {
      return strict;
    }
    Matcher m = LOOSE_HOST.matcher(version.trim());
    if (!m.matches()) {
      return null;
    }
    return Semver.of(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), 0);
  }

  /**
   * A Java version string as a comparable version, without pre-release parts, so that an
   * early-access JDK counts as its feature release: {@code 17.0.15}, {@code 21}, {@code 25-ea},
   * {@code 21.0.2+13-LTS}, and the legacy {@code 1.8.0_392} (read as 8.0.0).
   */
  static @Nullable Semver java(String version) {
    Matcher m = JAVA.matcher(version.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      if (m.group(1) != null) {
        return Semver.of(Integer.parseInt(m.group(1)), 0, 0);
      }
      return Semver.of(Integer.parseInt(m.group(2)), num(m.group(3)), num(m.group(4)));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Why a range is not a readable npm-style range, or null when it is. */
  static @Nullable String problem(String range) {
    String text = OPERATOR_SPACE.matcher(range.trim()).replaceAll("$1");
    if (text.isEmpty()) {
      return "must not be empty (write `*` for any version)";
    }
    for (String set : OR.split(text, -1)) {
      String trimmed = set.trim();
      if (trimmed.isEmpty()) {
        return "has an empty alternative around `||`";
      }
      String bad = badToken(SPACES.split(trimmed));
      if (bad != null) {
        return "is not a version range (cannot read `" + bad + "`)";
      }
    }
    RangesList compiled;
    try {
      compiled = compile(range);
    } catch (RuntimeException e) {
      // semver4j reads each number as an int or long: a longer one fails inside it.
      return "is not a version range (a number in it is too large)";
    }
    if (compiled.get().size() != OR.split(text, -1).length
        || compiled.get().stream().anyMatch(List::isEmpty)) {
      return "is not a version range";
    }
    return null;
  }

  /** Compiles a range that {@link #problem} accepted. */
  static RangesList compile(String range) {
    String text = OPERATOR_SPACE.matcher(range.trim()).replaceAll("$1");
    List<String> sets = new ArrayList<>();
    for (String set : OR.split(text, -1)) {
      List<String> tokens = new ArrayList<>();
      for (String token : SPACES.split(set.trim())) {
        // semver4j reads a lone x / X as "<0.0.0"; npm reads it as any version.
        tokens.add(WILDCARD.matcher(token).matches() ? "*" : token);
      }
      sets.add(String.join(" ", tokens));
    }
    return RangesListFactory.create(String.join(" || ", sets));
  }

  static boolean satisfies(Semver version, String range) {
    return version.satisfies(compile(range));
  }

  private static @Nullable String badToken(String[] tokens) {
    if (tokens.length == 3 && tokens[1].equals("-")) {
      return !PARTIAL.matcher(tokens[0]).matches() ? tokens[0]
          : !PARTIAL.matcher(tokens[2]).matches() ? tokens[2] : null;
    }
    for (String token : tokens) {
      if (!COMPARATOR.matcher(token).matches()) {
        return token;
      }
    }
    return null;
  }

  private static int num(@Nullable String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }
}
