package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Validation plus compatibility against a {@link HostProfile}: host, plugin-api and Java versions
 * against {@code [plugin.engine]}, hook points, extension interfaces and sandbox profile against
 * what the host offers, dependencies against what is installed, and (for an extracted bundle) its
 * classpath and the absence of host classes. A host profile without a version is an error, never a
 * pass. Every issue is returned; nothing is thrown.
 *
 * <pre>{@code
 * ManifestReport report = Preflight.check(ManifestParser.parse(tomlFile), HostProfiles.read(home.resolve("host.toml")));
 * String json = ManifestReports.toJson(report);
 * }</pre>
 *
 * <p>Thread-safe; stateless.
 */
@API(status = STABLE, since = "0.1")
public final class Preflight {
  private Preflight() {}

  /**
   * Validation and compatibility issues of a model against a host. The model is re-validated (it
   * may have been built in code), so this is safe to call on any {@link PluginManifest}.
   */
  public static ManifestReport check(PluginManifest manifest, HostProfile host) {
    ManifestReport validation = ManifestParser.parse(ManifestWriter.toToml(manifest));
    return new ManifestReport(manifest, validation.issues()).withIssues(Compatibility.check(manifest, host));
  }

  /**
   * A parse report's issues plus compatibility issues. When the report has no model (the TOML could
   * not be read into one), it is returned unchanged: compatibility cannot be judged.
   */
  public static ManifestReport check(ManifestReport report, HostProfile host) {
    return report.manifest()
        .map(m -> report.withIssues(Compatibility.check(m, host)))
        .orElse(report);
  }

  /** Parses manifest text and preflights it. */
  public static ManifestReport checkText(String toml, HostProfile host) {
    return check(ManifestParser.parse(toml), host);
  }

  /** Parses a manifest file (or the {@code plugin.toml} in a folder) and preflights it. */
  public static ManifestReport check(Path manifestFile, HostProfile host) {
    return check(ManifestParser.parse(manifestFile), host);
  }

  /**
   * Preflight of an extracted bundle folder against its manifest: everything {@link
   * #check(PluginManifest, HostProfile)} reports, plus classpath entries that match nothing
   * ({@code CLASSPATH_ENTRY_MISSING}) and jars or class files anywhere in the bundle that carry
   * {@code dev.plinth.api} or host-exported packages ({@code BUNDLE_CONTAINS_HOST_CLASSES}), and,
   * when a {@link BundleAuditor} is registered (the {@code plugin-audit} module), the capability
   * audit judged by {@link SandboxCheck}.
   */
  public static ManifestReport checkBundle(Path bundleRoot, PluginManifest manifest, HostProfile host) {
    return check(manifest, host).withIssues(bundleIssues(bundleRoot, manifest, host, BundleAuditor.discover()));
  }

  /** Reads the bundle's own {@code plugin.toml} and runs {@link #checkBundle(Path, PluginManifest, HostProfile)}. */
  public static ManifestReport checkBundle(Path bundleRoot, HostProfile host) {
    ManifestReport parsed = ManifestParser.parse(bundleRoot.resolve(ManifestParser.FILE_NAME));
    if (parsed.manifest().isEmpty() || !Files.isDirectory(bundleRoot)) {
      return parsed;
    }
    PluginManifest manifest = parsed.manifest().get();
    List<ManifestIssue> more = new ArrayList<>(Compatibility.check(manifest, host));
    more.addAll(bundleIssues(bundleRoot, manifest, host, BundleAuditor.discover()));
    return parsed.withIssues(more);
  }

  /**
   * {@link #checkBundle(Path, HostProfile)} with this auditor instead of the registered one (or
   * none), e.g. for a build tool that ships its own.
   */
  public static ManifestReport checkBundle(Path bundleRoot, HostProfile host, BundleAuditor auditor) {
    ManifestReport parsed = ManifestParser.parse(bundleRoot.resolve(ManifestParser.FILE_NAME));
    if (parsed.manifest().isEmpty() || !Files.isDirectory(bundleRoot)) {
      return parsed;
    }
    PluginManifest manifest = parsed.manifest().get();
    List<ManifestIssue> more = new ArrayList<>(Compatibility.check(manifest, host));
    more.addAll(bundleIssues(bundleRoot, manifest, host, java.util.Optional.of(auditor)));
    return parsed.withIssues(more);
  }

  private static List<ManifestIssue> bundleIssues(Path bundleRoot, PluginManifest manifest, HostProfile host,
      java.util.Optional<BundleAuditor> auditor) {
    List<ManifestIssue> out = new ArrayList<>(BundleScanner.scan(bundleRoot, manifest, host));
    auditor.ifPresent(a -> out.addAll(SandboxCheck.check(a.audit(bundleRoot), manifest, host)));
    return out;
  }
}
