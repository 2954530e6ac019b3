package dev.plinth.installer.pipeline;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.manifest.BundleAuditor;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.ManifestCode;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.manifest.SandboxCheck;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the capability audit of an extracted bundle and turns its errors into install errors. Stateless. */
final class Audits {
  private static final Logger LOG = LoggerFactory.getLogger(Audits.class);

  private Audits() {}

  /**
   * The audit report of a bundle, once its issues under the plugin's profile are known to hold no error.
   *
   * @throws InstallException {@code SANDBOX_CAPABILITY_UNDECLARED} (an undeclared or refused use) or
   *     {@code SANDBOX_AUDIT_FAILED} (code the audit cannot read), phase {@code extract}
   */
  static CapabilityReport audit(BundleAuditor auditor, Path bundleRoot, PluginManifest manifest, HostProfile host) {
    CapabilityReport report;
    try {
      report = auditor.audit(bundleRoot);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new InstallException(InstallErrorCode.SANDBOX_AUDIT_FAILED, Phase.EXTRACT,
          "bundle must be readable for the capability audit: " + manifest.id() + " (" + e.getMessage() + ")",
          "Rebuild the bundle; check the files in the staging folder are readable.",
          Map.of("plugin", manifest.id()), e);
    }
    List<ManifestIssue> issues = SandboxCheck.check(report, manifest, host);
    List<ManifestIssue> errors = issues.stream().filter(ManifestIssue::isError).toList();
    issues.stream().filter(i -> !i.isError())
        .forEach(i -> LOG.warn("{} {}: {} {}", manifest.id(), i.code(), i.message(), i.nextStep()));
    if (errors.isEmpty()) {
      return report;
    }
    ManifestIssue first = errors.get(0);
    InstallErrorCode code = first.code().equals(ManifestCode.AUDIT_CLASS_UNREADABLE.code())
        ? InstallErrorCode.SANDBOX_AUDIT_FAILED : InstallErrorCode.SANDBOX_CAPABILITY_UNDECLARED;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("plugin", manifest.id());
    details.put("profile", String.valueOf(manifest.permissions().profile()));
    details.put("issues", errors.stream().map(i -> Map.of("code", i.code(), "value", String.valueOf(i.value()),
        "message", i.message())).toList());
    throw new InstallException(code, Phase.EXTRACT,
        first.message() + (errors.size() > 1 ? " (" + errors.size() + " sandbox errors; all in details.issues)" : ""),
        first.nextStep(), details, null);
  }
}
