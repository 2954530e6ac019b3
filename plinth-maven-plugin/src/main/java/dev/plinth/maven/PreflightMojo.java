package dev.plinth.maven;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthException;
import dev.plinth.audit.BytecodeAuditor;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.ManifestReports;
import dev.plinth.manifest.Preflight;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
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
 * {@code plinth:preflight}: validates the bundle this build produces and checks it against a host
 * profile ({@code host.toml}), exactly as {@code plinth preflight} does (the capability audit
 * judged against the manifest's sandbox profile included), and fails the build listing every issue. The JSON report (the documented preflight schema) is written to
 * {@code target/plinth-preflight.json} for CI.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Mojo(name = "preflight", defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class PreflightMojo extends BundleCheckGoal {
  /** Where the JSON report goes. */
  @Parameter(defaultValue = "${project.build.directory}/plinth-preflight.json")
  @Nullable File report;

  /** Public for Maven's injector. */
  public PreflightMojo() {
    super("preflight");
  }

  @Override
  void run() throws MojoFailureException {
    Path bundle = assembleBundle();
    ManifestReport result;
    try {
      result = check(bundle);
    } catch (PlinthException e) {
      throw GoalFailure.of(e);
    }
    for (ManifestIssue issue : result.issues()) {
      String line = String.format("%-7s %-28s %s: %s%n        next step: %s",
          issue.severity().name().toLowerCase(Locale.ROOT), issue.code(),
          issue.field().isEmpty() ? "(file)" : issue.field(), issue.message(), issue.nextStep());
      if (issue.isError()) {
        getLog().error(line);
      } else {
        getLog().warn(line);
      }
    }
    writeReport(result);
    List<ManifestIssue> failing = failOnWarning ? result.issues() : result.errors();
    if (!result.ok() || !failing.isEmpty()) {
      StringBuilder message = new StringBuilder("plugin bundle must pass preflight: ")
          .append(failing.size()).append(" issue(s) in ").append(bundle);
      failing.forEach(i -> message.append("\n  ").append(i.code()).append(' ')
          .append(i.field().isEmpty() ? "(file)" : i.field()).append(": ").append(i.message()));
      throw GoalFailure.of(MavenErrorCode.BUNDLE_PREFLIGHT_FAILED, message.toString(),
          failing.isEmpty() ? "Fix plugin.toml." : failing.get(0).nextStep());
    }
    getLog().info("plinth:preflight ok: " + result.manifest().map(m -> m.id() + " " + m.version()).orElse("")
        + (result.warnings().isEmpty() ? "" : " with " + result.warnings().size() + " warning(s)"));
  }

  private ManifestReport check(Path bundle) {
    HostProfile profile = readHostProfile();
    if (profile == null) {
      getLog().warn("no host profile (" + hostProfile + "): only plugin.toml was validated, not compatibility");
      return ManifestParser.parse(bundle.resolve(ManifestParser.FILE_NAME));
    }
    return Preflight.checkBundle(bundle, profile, BytecodeAuditor.create());
  }

  private void writeReport(ManifestReport result) throws MojoFailureException {
    Path file = required(report).toPath();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, ManifestReports.toJson(result));
    } catch (IOException e) {
      throw GoalFailure.of(MavenErrorCode.BUNDLE_IO, "preflight report cannot be written: " + file,
          "Check that the build folder is writable.");
    }
  }
}
