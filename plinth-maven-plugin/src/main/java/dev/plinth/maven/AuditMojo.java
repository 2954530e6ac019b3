package dev.plinth.maven;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthException;
import dev.plinth.audit.BytecodeAuditor;
import dev.plinth.manifest.Capability;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.CapabilityUse;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.manifest.SandboxCheck;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * {@code plinth:audit}: the bytecode capability audit of the bundle this build produces (the
 * project's jar and runtime dependencies, laid out as {@code preflight} and {@code pack} do), as
 * {@code plinth audit} prints it: every capability with its call sites. The uses are judged against
 * the manifest's sandbox profile (host-defined profiles from {@code host.toml}, else the built-in
 * ones), and the build fails listing each use an install would refuse. The JSON report goes to
 * {@code target/plinth-audit.json}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Mojo(name = "audit", defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class AuditMojo extends BundleCheckGoal {
  /** Where the JSON report goes. */
  @Parameter(defaultValue = "${project.build.directory}/plinth-audit.json")
  @Nullable File report;

  /** Public for Maven's injector. */
  public AuditMojo() {
    super("audit");
  }

  @Override
  void run() throws MojoFailureException {
    Path bundle = assembleBundle();
    ManifestReport parsed = ManifestParser.parse(bundle.resolve(ManifestParser.FILE_NAME));
    if (parsed.manifest().isEmpty()) {
      throw GoalFailure.of(MavenErrorCode.BUNDLE_AUDIT_FAILED,
          "plugin.toml must be valid for the audit to judge its sandbox profile: " + manifest,
          "Run plinth:preflight (or `plinth preflight`) for the list of manifest issues.");
    }
    PluginManifest plugin = parsed.manifest().get();
    CapabilityReport result;
    List<ManifestIssue> issues;
    try {
      result = BytecodeAuditor.create().audit(bundle);
      issues = SandboxCheck.check(result, plugin, host());
    } catch (PlinthException e) {
      throw GoalFailure.of(e);
    } catch (UncheckedIOException e) {
      throw GoalFailure.of(MavenErrorCode.BUNDLE_IO, "bundle cannot be audited: " + bundle + " (" + e.getMessage() + ")",
          "Check that the project's jar and its runtime dependencies are readable jars.");
    }
    print(plugin, result, issues);
    AuditReport.write(required(report).toPath(), bundle, plugin, result, issues);
    List<ManifestIssue> failing = issues.stream().filter(i -> failOnWarning || i.isError()).toList();
    if (!failing.isEmpty()) {
      StringBuilder message = new StringBuilder("plugin code must stay within sandbox profile `")
          .append(profileName(plugin)).append("`: ").append(failing.size()).append(" issue(s) in ").append(bundle);
      for (ManifestIssue i : failing) {
        message.append("\n  ").append(i.code()).append(' ').append(i.message())
            .append("\n    next step: ").append(i.nextStep());
      }
      throw GoalFailure.of(MavenErrorCode.BUNDLE_AUDIT_FAILED, message.toString(),
          "Fix each listed use as its next step says; " + report + " lists every call site.");
    }
    getLog().info("plinth:audit ok: " + plugin.id() + " " + plugin.version() + (result.capabilities().isEmpty()
        ? " uses no capabilities"
        : " uses " + sortedIds(result) + ", allowed by its profile and declarations")
        + (issues.isEmpty() ? "" : " with " + issues.size() + " warning(s)"));
  }

  private void print(PluginManifest plugin, CapabilityReport result, List<ManifestIssue> issues) {
    getLog().info(plugin.id() + " " + plugin.version() + ": " + result.classesScanned() + " classes in "
        + result.jarsScanned() + " jar(s), sandbox profile " + profileName(plugin) + ", declares "
        + plugin.permissions().capabilities().stream().map(Capability::id).toList());
    for (Capability c : result.capabilities().stream().sorted().toList()) {
      List<CapabilityUse> uses = result.uses(c);
      getLog().info(c.id() + " (" + uses.size() + " call site" + (uses.size() == 1 ? "" : "s") + ")");
      uses.forEach(u -> getLog().info("  " + u.describe()));
    }
    result.unreadable().forEach(u -> getLog().warn("unreadable " + u));
    for (ManifestIssue issue : issues) {
      String line = String.format("%-7s %-28s %s%n        next step: %s",
          issue.severity().name().toLowerCase(Locale.ROOT), issue.code(), issue.message(), issue.nextStep());
      if (issue.isError()) {
        getLog().error(line);
      } else {
        getLog().warn(line);
      }
    }
  }

  static String profileName(PluginManifest plugin) {
    String profile = plugin.permissions().profile();
    return profile == null ? "standard" : profile;
  }

  static List<String> sortedIds(CapabilityReport result) {
    return result.capabilities().stream().sorted().map(Capability::id).toList();
  }

  private HostProfile host() {
    HostProfile host = readHostProfile();
    return host == null ? HostProfile.of("(no host profile)", null) : host;
  }
}
