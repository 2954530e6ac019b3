package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Judges a {@link CapabilityReport} against the plugin's sandbox profile and declared capabilities.
 * For each capability the code uses: allowed by the profile, fine; declared in
 * {@code permissions.capabilities}, fine (the operator acknowledges it with the other permissions);
 * otherwise {@code AUDIT_CAPABILITY_UNDECLARED}, naming the first call site. {@link
 * Capability#DYNAMIC} follows the profile's {@link SandboxProfile.Dynamic} rule instead. Every
 * issue is returned; stateless and thread-safe.
 *
 * <pre>{@code
 * CapabilityReport report = auditor.audit(bundleRoot);
 * List<ManifestIssue> issues = SandboxCheck.check(report, manifest, hostProfile);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SandboxCheck {
  private static final String FIELD = "plugin.permissions.capabilities";

  private SandboxCheck() {}

  /**
   * Issues of a report under the profile the manifest names on this host. An unknown profile yields
   * no issue here: preflight reports it as {@code SANDBOX_PROFILE_UNKNOWN}.
   */
  public static List<ManifestIssue> check(CapabilityReport report, PluginManifest manifest, HostProfile host) {
    Optional<SandboxProfile> profile = SandboxProfile.resolve(manifest.permissions().profile(), host);
    return profile.map(p -> check(report, manifest.permissions().capabilities(), p)).orElse(List.of());
  }

  /** Issues of a report under a given profile and set of declared capabilities. */
  public static List<ManifestIssue> check(CapabilityReport report, List<Capability> declared, SandboxProfile profile) {
    Issues issues = new Issues();
    for (String unreadable : report.unreadable()) {
      issues.add(ManifestCode.AUDIT_CLASS_UNREADABLE, "", unreadable, "cannot be audited",
          "Rebuild the jar with a standard compiler; a class the audit cannot read is refused.");
    }
    for (Capability c : Capability.values()) {
      List<CapabilityUse> uses = report.uses(c);
      if (uses.isEmpty()) {
        if (declared.contains(c) && !profile.allowed().contains(c)) {
          issues.add(ManifestCode.AUDIT_CAPABILITY_UNUSED, FIELD, c.id(), "is declared but the code never uses it",
              "Remove `" + c.id() + "` from plugin.permissions.capabilities so operators are not asked to allow it.");
        }
        continue;
      }
      CapabilityUse first = uses.get(0);
      String more = uses.size() > 1 ? " (and " + (uses.size() - 1) + " more call sites)" : "";
      if (c == Capability.DYNAMIC) {
        dynamic(issues, profile, declared, first, more);
      } else if (!profile.allowed().contains(c) && !declared.contains(c)) {
        issues.add(ManifestCode.AUDIT_CAPABILITY_UNDECLARED, FIELD, first.brief(),
            "must declare `" + c.id() + "` (not allowed by sandbox profile `" + profile.name() + "`)" + more,
            "Add \"" + c.id() + "\" to plugin.permissions.capabilities, or remove the call; see `plinth audit` for every call site.");
      }
    }
    return issues.all();
  }

  private static void dynamic(Issues issues, SandboxProfile profile, List<Capability> declared, CapabilityUse first,
      String more) {
    switch (profile.dynamic()) {
      case REFUSE -> issues.add(ManifestCode.AUDIT_DYNAMIC_REFUSED, FIELD, first.brief(),
          "must not look up classes or members by string under sandbox profile `" + profile.name() + "`" + more,
          "Call the class or member directly, or ask the operator for a profile that allows `dynamic`.");
      case WARN -> {
        if (!profile.allowed().contains(Capability.DYNAMIC) && !declared.contains(Capability.DYNAMIC)) {
          issues.add(ManifestCode.AUDIT_DYNAMIC_REFLECTION, FIELD, first.brief(),
              "looks up classes or members by string, which the audit cannot follow" + more,
              "Declare \"dynamic\" in plugin.permissions.capabilities if this is intended.");
        }
      }
      case ALLOW -> { }
    }
  }
}
