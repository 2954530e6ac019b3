package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects issues during one validation run. Every message has the form
 * {@code <field> <rule>: <value>} (or {@code <field> <rule>} when the value is absent). Not
 * thread-safe: one instance per run.
 */
final class Issues {
  private static final int MAX_VALUE_CHARS = 200;

  private final List<ManifestIssue> list = new ArrayList<>();

  /** Records an issue; {@code rule} completes the sentence "{@code <field> <rule>}". */
  void add(ManifestCode code, String field, @Nullable String value, String rule, String nextStep) {
    list.add(issue(code, field, value, rule, nextStep));
  }

  static ManifestIssue issue(
      ManifestCode code, String field, @Nullable String value, String rule, String nextStep) {
    String shown = value == null ? null : clip(value);
    String message = (field.isEmpty() ? rule : field + " " + rule) + (shown == null ? "" : ": " + shown);
    return new ManifestIssue(code.code(), code.severity(), field, shown, message, nextStep);
  }

  boolean hasErrorAt(String fieldPrefix) {
    return list.stream()
        .anyMatch(i -> i.isError() && (i.field().equals(fieldPrefix)
            || i.field().startsWith(fieldPrefix + ".") || i.field().startsWith(fieldPrefix + "[")));
  }

  List<ManifestIssue> all() {
    return List.copyOf(list);
  }

  private static String clip(String value) {
    return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
  }
}
