package dev.plinth.manifest;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One problem found in a manifest or in its compatibility with a host. The message has the form
 * {@code <field> <rule>: <value>}; {@link #code()} is a {@link ManifestCode} name (or, for issues
 * other modules append, one of theirs). Immutable and thread-safe.
 *
 * @param code stable machine-readable code, e.g. {@code MANIFEST_ID_INVALID}
 * @param severity error or warning
 * @param field the field path, e.g. {@code plugin.hooks[1].timeout_ms} (empty for the whole file)
 * @param value the offending value as text, or null when the field is missing
 * @param message what is wrong, naming the field and value
 * @param nextStep how to fix it
 */
@API(status = STABLE, since = "0.1")
public record ManifestIssue(
    String code,
    Severity severity,
    String field,
    @Nullable String value,
    String message,
    String nextStep) {
  public ManifestIssue {
    requireNonNull(code, "code");
    requireNonNull(severity, "severity");
    requireNonNull(field, "field");
    requireNonNull(message, "message");
    requireNonNull(nextStep, "nextStep");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
