package dev.plinth.installer.source;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.ManifestReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** Turns manifest reports into {@code PREFLIGHT_FAILED} errors carrying every issue. */
@API(status = INTERNAL, since = "0.1")
public final class ManifestChecks {
  private ManifestChecks() {}

  /**
   * The error for a report that is not ok.
   *
   * @param origin where the manifest came from (a URL or a path)
   */
  public static InstallException preflightFailed(ManifestReport report, String origin, Phase phase) {
    List<Map<String, Object>> issues = new ArrayList<>();
    for (ManifestIssue i : report.errors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", i.code());
      m.put("field", i.field());
      m.put("value", i.value() == null ? "" : i.value());
      m.put("message", i.message());
      m.put("nextStep", i.nextStep());
      issues.add(m);
    }
    ManifestIssue first = report.errors().isEmpty() ? null : report.errors().get(0);
    String summary = first == null ? "no manifest model" : first.code() + " " + first.field() + ": " + first.message();
    return new InstallException(InstallErrorCode.PREFLIGHT_FAILED, phase,
        "plugin.toml must pass preflight: " + origin + " (" + issues.size() + " error(s); first: " + summary + ")",
        first == null ? "Fix plugin.toml." : first.nextStep(),
        Map.of("origin", origin, "issues", issues), null);
  }
}
