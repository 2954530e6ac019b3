package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import dev.plinth.api.PlinthException;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A manifest (or host profile) that cannot be used. It carries the first error's code, message and
 * next step, and every issue found, so a caller that catches it can still show them all.
 * Immutable; safe to share across threads.
 */
@API(status = STABLE, since = "0.1")
public final class ManifestException extends PlinthException {
  private static final long serialVersionUID = 1L;

  private final transient List<ManifestIssue> issues;

  private ManifestException(ManifestIssue first, List<ManifestIssue> issues) {
    super(
        codeOf(first.code()),
        first.message() + (issues.size() > 1 ? " (and " + (issues.size() - 1) + " more issues)" : ""),
        first.nextStep(),
        Map.of("field", first.field(), "issues", issues.size()),
        null);
    this.issues = List.copyOf(issues);
  }

  /** Builds the exception from a report that is not ok. */
  public static ManifestException of(ManifestReport report) {
    List<ManifestIssue> errors = report.errors();
    ManifestIssue first =
        errors.isEmpty()
            ? Issues.issue(ManifestCode.MANIFEST_UNREADABLE, "", null,
                "manifest could not be read into a model", "Check plugin.toml.")
            : errors.get(0);
    return new ManifestException(first, report.issues().isEmpty() ? List.of(first) : report.issues());
  }

  /** Every issue of the report, errors and warnings. */
  public List<ManifestIssue> issues() {
    return issues;
  }

  private static ErrorCode codeOf(String code) {
    return ManifestCode.find(code).map(ErrorCode.class::cast).orElse(new ForeignCode(code));
  }

  /** A code added to a report by another module (through {@link ManifestReport#withIssues}). */
  private record ForeignCode(String code) implements ErrorCode, java.io.Serializable {}
}
