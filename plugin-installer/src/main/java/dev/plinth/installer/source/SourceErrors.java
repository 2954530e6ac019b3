package dev.plinth.installer.source;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks and errors shared by the parsers and resolvers of this package. */
final class SourceErrors {
  private SourceErrors() {}

  static InstallException invalid(String field, String rule, String value, String nextStep) {
    return new InstallException(InstallErrorCode.SOURCE_INVALID, Phase.RESOLVE,
        field + " " + rule + ": " + printable(value), nextStep,
        Map.of("field", field, "value", printable(value)), null);
  }

  /** Fails unless the whole value matches; used on every coordinate before any request. */
  static String require(String field, String value, Pattern pattern, String example) {
    if (!pattern.matcher(value).matches() || value.contains("..")) {
      throw invalid(field, "must match " + pattern.pattern() + " (no whitespace, URL or shell meta-characters, no '..')",
          value, "Use a value like " + example + ".");
    }
    return value;
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
