package dev.plinth.cli;

import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.HostProfiles;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.ManifestReports;
import dev.plinth.manifest.Preflight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plinth preflight <dir|archive|plugin.toml>}: validation plus compatibility with the host
 * profile ({@code <home>/host.toml} or {@code --host-profile}). Exits 1 on any error-severity
 * issue, so it can gate CI.
 */
@Command(
    name = "preflight",
    description = "Validate a plugin and check it against the host profile; exits 1 on any error (a CI gate).")
final class PreflightCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "PATH", description = "A bundle folder, an archive (.tar.gz, .tgz, .zip, .jar) or a plugin.toml.")
  Path path;

  @Option(names = "--host-profile", paramLabel = "FILE", description = "Host profile TOML (default: <home>/host.toml).")
  @Nullable Path hostProfile;

  @Override
  int execute(CliOutput out) {
    Optional<HostProfile> host = loadHost();
    ManifestReport report;
    Path bundleDir = null;
    try {
      if (Files.isDirectory(path)) {
        bundleDir = path;
        report = ManifestParser.parse(path.resolve("plugin.toml"));
      } else if (ManifestLocator.isArchive(path)) {
        Optional<String> text = ManifestLocator.readFromArchive(path);
        if (text.isEmpty()) {
          return out.fail("ARCHIVE_MANIFEST_MISSING", "archive has no plugin.toml at its root or in its single top folder: " + path,
              "Put plugin.toml at the archive root (plinth pack does this).", "preflight", null);
        }
        report = ManifestParser.parse(text.get());
      } else {
        report = ManifestParser.parse(path);
      }
    } catch (IOException e) {
      return out.fail("ARCHIVE_UNREADABLE", "bundle cannot be read: " + path + " (" + e.getMessage() + ")",
          "Check the path and that the archive is not corrupt.", "preflight", null);
    }
    if (host.isPresent()) {
      report = bundleDir != null ? Preflight.checkBundle(bundleDir, host.get()) : Preflight.check(report, host.get());
    }
    if (host.isEmpty()) {
      out.line("note: no host profile (" + global().home.resolve("host.toml") + "); only the manifest was validated");
    }
    for (ManifestIssue issue : report.issues()) {
      out.line(String.format("%-7s %-28s %s: %s", issue.severity().name().toLowerCase(java.util.Locale.ROOT),
          issue.code(), issue.field().isEmpty() ? "(file)" : issue.field(), issue.message()));
      out.line("        next step: " + issue.nextStep());
    }
    var json = ManifestReports.toTree(report);
    if (!report.ok()) {
      ManifestIssue first = report.errors().isEmpty() ? null : report.errors().get(0);
      return out.fail(first == null ? "MANIFEST_INVALID" : first.code(),
          report.errors().size() + " error(s) in " + path + (first == null ? "" : "; first: " + first.message()),
          first == null ? "Fix plugin.toml." : first.nextStep(), "preflight", json);
    }
    out.summary("ok: " + report.manifest().map(m -> m.id() + " " + m.version()).orElse(path.toString())
        + " passes preflight" + (report.warnings().isEmpty() ? "" : " with " + report.warnings().size() + " warning(s)"));
    return out.ok(json);
  }

  private Optional<HostProfile> loadHost() {
    Path file = hostProfile != null ? hostProfile : global().home.resolve("host.toml");
    if (hostProfile == null && !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(HostProfiles.read(file));
  }
}
