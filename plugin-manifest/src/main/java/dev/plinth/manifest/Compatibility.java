package dev.plinth.manifest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;

/** The compatibility half of preflight: a valid model against a {@link HostProfile}. Stateless. */
final class Compatibility {
  private Compatibility() {}

  static List<ManifestIssue> check(PluginManifest m, HostProfile host) {
    Issues issues = new Issues();
    versions(issues, m.engine(), host);
    List<String> hooks = m.contributes().hooks();
    for (int i = 0; i < hooks.size(); i++) {
      String point = hooks.get(i);
      if (!host.hookPoints().contains(point)) {
        issues.add(ManifestCode.HOOK_UNKNOWN, "plugin.contributes.hooks[" + i + "]", point,
            "is not a hook point of " + host.hostName(), hint(point, host.hookPoints())
                + "Use a point the host offers (" + listed(host.hookPoints()) + ") or upgrade the host.");
      }
    }
    List<String> extensions = m.contributes().extensions();
    for (int i = 0; i < extensions.size(); i++) {
      String ext = extensions.get(i);
      if (!host.extensionInterfaces().contains(ext)) {
        issues.add(ManifestCode.EXTENSION_UNKNOWN, "plugin.contributes.extensions[" + i + "]", ext,
            "is not an extension interface of " + host.hostName(), hint(ext, host.extensionInterfaces())
                + "Use an interface the host offers (" + listed(host.extensionInterfaces()) + ").");
      }
    }
    String profile = m.permissions().profile();
    if (profile != null && SandboxProfile.resolve(profile, host).isEmpty()) {
      issues.add(ManifestCode.SANDBOX_PROFILE_UNKNOWN, "plugin.permissions.profile", profile,
          "is not a sandbox profile of " + host.hostName(), hint(profile, host.sandboxProfiles())
              + "Use strict, standard, trusted or a profile the host defines (" + listed(host.sandboxProfiles()) + ").");
    }
    NetworkRules.check(issues, m.permissions().network(), host);
    List<String> exports = m.runtime().exports();
    for (int i = 0; i < exports.size(); i++) {
      String pkg = exports.get(i);
      String hostPackage = BundleScanner.hostPackageOf(pkg, host.exportedPackages());
      if (hostPackage != null) {
        issues.add(ManifestCode.PACKAGE_RESERVED, "plugin.runtime.exports[" + i + "]", pkg,
            "is a package the host exports (" + hostPackage + ")",
            "Export only your own packages; the host's copy of " + hostPackage + " is always used.");
      }
    }
    dependencies(issues, m.dependencies(), host.installedPlugins());
    return issues.all();
  }

  private static void versions(Issues issues, PluginManifest.Engine engine, HostProfile host) {
    String hostVersion = host.hostVersion();
    if (hostVersion == null || hostVersion.isBlank()) {
      issues.add(ManifestCode.HOST_VERSION_UNKNOWN, "host.version", null,
          "is not stated by host " + host.hostName() + ", so plugin.engine.host cannot be checked",
          "Give the host profile its version (HostProfile.of(name, version), or version in host.toml).");
    } else {
      range(issues, engine.host(), VersionRanges.host(hostVersion), "host.version", hostVersion,
          "plugin.engine.host", ManifestCode.HOST_VERSION_MISMATCH,
          "Install a plugin version built for " + host.hostName() + " " + hostVersion + ", or upgrade the host.");
    }
    range(issues, engine.api(), VersionRanges.strict(host.apiVersion()), "host.api_version",
        host.apiVersion(), "plugin.engine.api", ManifestCode.API_VERSION_MISMATCH,
        "Install a plugin version built against plugin-api " + host.apiVersion() + ".");
    range(issues, engine.java(), VersionRanges.java(host.javaVersion()), "host.java_version",
        host.javaVersion(), "plugin.engine.java", ManifestCode.JAVA_VERSION_MISMATCH,
        "Run the host on a Java version inside the range, or install a plugin version built for Java "
            + host.javaVersion() + ".");
  }

  private static void range(Issues issues, @Nullable String range, @Nullable Semver actual,
      String hostField, String actualText, String field, ManifestCode mismatch, String nextStep) {
    if (actual == null) {
      issues.add(ManifestCode.HOST_VERSION_INVALID, hostField, actualText, "is not a version",
          "State the host's versions as MAJOR.MINOR.PATCH (Java also as 17, 21.0.2 or 25-ea).");
      return;
    }
    if (range != null && !VersionRanges.satisfies(actual, range)) {
      issues.add(mismatch, field, range, "does not include " + hostField + " " + actualText, nextStep);
    }
  }

  private static void dependencies(Issues issues, Map<String, String> deps, Map<String, String> installed) {
    for (Map.Entry<String, String> d : deps.entrySet()) {
      String field = "plugin.dependencies." + d.getKey();
      String have = installed.get(d.getKey());
      if (have == null) {
        issues.add(ManifestCode.DEPENDENCY_NOT_INSTALLED, field, d.getValue(),
            "names plugin " + d.getKey() + ", which is not installed",
            "Install " + d.getKey() + " at a version in " + d.getValue() + " first.");
        continue;
      }
      Semver version = VersionRanges.strict(have);
      if (version == null || !VersionRanges.satisfies(version, d.getValue())) {
        issues.add(ManifestCode.DEPENDENCY_VERSION_MISMATCH, field, d.getValue(),
            "does not include installed " + d.getKey() + " " + have,
            "Upgrade or downgrade " + d.getKey() + " to a version in " + d.getValue() + ".");
      }
    }
  }

  private static String hint(String value, Set<String> offered) {
    return KeyHints.closest(value, offered).map(s -> "Did you mean `" + s + "`? ").orElse("");
  }

  private static String listed(Set<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", values.stream().sorted().toList());
  }
}
