package dev.plinth.cli;

import dev.plinth.audit.BytecodeAuditor;
import dev.plinth.installer.extract.ArchiveFormat;
import dev.plinth.installer.extract.BundleLayout;
import dev.plinth.installer.extract.ExtractionLimits;
import dev.plinth.installer.extract.FileTrees;
import dev.plinth.installer.extract.SafeExtractor;
import dev.plinth.manifest.Capability;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.CapabilityUse;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.HostProfiles;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.manifest.SandboxCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plinth audit BUNDLE}: the bytecode capability report of a bundle folder or archive, judged
 * against the plugin's sandbox profile (host definitions from {@code <home>/host.toml} or
 * {@code --host-profile}, else the built-in profiles). Exits 1 when the installer would refuse the
 * bundle, so it can gate CI. Archives other than a single {@code .jar} are safely extracted into a
 * temporary folder first.
 */
@Command(
    name = "audit",
    description = "Print the capabilities a bundle's code uses (network, process, exit, ...) and check them "
        + "against its sandbox profile; exits 1 when an install would be refused.")
final class AuditCommand extends CliCommand {
  private static final int SHOWN_PER_CAPABILITY = 20;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "A bundle folder or archive (.tar.gz, .tgz, .zip, .jar).")
  Path bundle;

  @Option(names = "--host-profile", paramLabel = "FILE", description = "Host profile TOML (default: <home>/host.toml).")
  @Nullable Path hostProfile;

  @Option(names = "--all", description = "List every call site (default: the first " + SHOWN_PER_CAPABILITY + " per capability).")
  boolean all;

  @Override
  int execute(CliOutput out) {
    if (!Files.exists(bundle)) {
      return out.fail(CliErrorCode.ARCHIVE_UNREADABLE.code(), "bundle must exist: " + bundle, "Check the path.", "audit", null);
    }
    Path temp = null;
    try {
      Path root = bundle;
      String name = bundle.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!Files.isDirectory(bundle) && !name.endsWith(".jar")) {
        Optional<ArchiveFormat> format = ArchiveFormat.fromFileName(name);
        if (format.isEmpty()) {
          return out.fail(CliErrorCode.ARCHIVE_UNREADABLE.code(), "bundle must be a folder or a .tar.gz, .tgz, .zip or .jar: " + bundle,
              "Pass the bundle folder or its archive.", "audit", null);
        }
        temp = Files.createTempDirectory("plinth-audit");
        root = BundleLayout.locate(SafeExtractor.of(ExtractionLimits.DEFAULTS)
            .extract(bundle, format.get(), temp.resolve("bundle"))).bundleRoot();
      }
      return report(out, root, manifest(root));
    } catch (IOException e) {
      return out.fail(CliErrorCode.ARCHIVE_UNREADABLE.code(), "bundle cannot be read: " + bundle + " (" + e.getMessage() + ")",
          "Check the path and that the archive is not corrupt.", "audit", null);
    } finally {
      if (temp != null) {
        FileTrees.deleteRecursively(temp);
      }
    }
  }

  private static Optional<PluginManifest> manifest(Path root) throws IOException {
    if (Files.isDirectory(root)) {
      return ManifestParser.parse(root.resolve(ManifestParser.FILE_NAME)).manifest();
    }
    return ManifestLocator.readFromArchive(root).map(ManifestParser::parse).flatMap(ManifestReport::manifest);
  }

  private int report(CliOutput out, Path root, Optional<PluginManifest> manifest) {
    CapabilityReport report = BytecodeAuditor.create().audit(root);
    List<ManifestIssue> issues = manifest.map(m -> SandboxCheck.check(report, m, host())).orElse(List.of());
    String profile = manifest.map(m -> m.permissions().profile()).orElse(null);
    out.line(manifest.map(m -> m.id() + " " + m.version()).orElse(bundle.toString()) + ": "
        + report.classesScanned() + " classes in " + report.jarsScanned() + " jar(s), sandbox profile "
        + (profile == null ? "standard (default)" : profile)
        + manifest.map(m -> ", declares " + m.permissions().capabilities().stream().map(Capability::id).toList())
            .orElse(", no plugin.toml"));
    for (Capability c : report.capabilities().stream().sorted().toList()) {
      List<CapabilityUse> uses = report.uses(c);
      out.line("");
      out.line(c.id() + " (" + uses.size() + " call site" + (uses.size() == 1 ? "" : "s") + ")");
      uses.stream().limit(all ? Long.MAX_VALUE : SHOWN_PER_CAPABILITY).forEach(u -> out.line("  " + u.describe()));
      if (!all && uses.size() > SHOWN_PER_CAPABILITY) {
        out.line("  ... " + (uses.size() - SHOWN_PER_CAPABILITY) + " more (--all lists them)");
      }
    }
    report.unreadable().forEach(u -> out.line("unreadable " + u));
    if (!issues.isEmpty()) {
      out.line("");
    }
    for (ManifestIssue issue : issues) {
      out.line(String.format("%-7s %-28s %s", issue.severity().name().toLowerCase(Locale.ROOT), issue.code(),
          issue.message()));
      out.line("        next step: " + issue.nextStep());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bundle", bundle.toString());
    json.put("plugin", manifest.map(PluginManifest::id).orElse(null));
    json.put("version", manifest.map(PluginManifest::version).orElse(null));
    json.put("profile", profile);
    json.put("capabilities", report.capabilities().stream().sorted().map(Capability::id).toList());
    json.put("report", report);
    json.put("issues", issues);
    List<ManifestIssue> errors = new ArrayList<>(issues.stream().filter(ManifestIssue::isError).toList());
    if (!errors.isEmpty()) {
      ManifestIssue first = errors.get(0);
      return out.fail(first.code(), errors.size() + " sandbox error(s); first: " + first.message(), first.nextStep(),
          "audit", json);
    }
    out.summary("ok: " + (report.capabilities().isEmpty() ? "no capabilities used"
        : "uses " + report.capabilities().stream().sorted().map(Capability::id).toList())
        + (manifest.isEmpty() ? " (no plugin.toml: not judged against a profile)" : ", allowed by its profile and declarations"));
    return out.ok(json);
  }

  private HostProfile host() {
    Path file = hostProfile != null ? hostProfile : global().home.resolve(HostProfiles.FILE_NAME);
    if (hostProfile == null && !Files.isRegularFile(file)) {
      return HostProfile.of("(no host profile)", null);
    }
    return HostProfiles.read(file);
  }
}
