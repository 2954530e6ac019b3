package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.manifest.PluginManifest;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What an operator decided about one plugin, kept in {@code state.json} across upgrades:
 * whether it is enabled, which permissions were acknowledged and which version it is pinned to.
 * Immutable; change it with the {@code with*} methods through {@link PluginStore#updateState}.
 *
 * @param enabled whether the runtime should load the plugin at boot
 * @param acknowledgedPermissions the {@link #permissionsDigest digest} of the permission set the
 *     operator acknowledged, or null when none was; the runtime compares it with the current
 *     version's digest to decide whether a new acknowledgement is needed
 * @param pinnedVersion the version {@code upgrade} must not move away from, or null
 */
@API(status = STABLE, since = "0.1")
public record PluginState(boolean enabled, @Nullable String acknowledgedPermissions, @Nullable String pinnedVersion) {

  /** A freshly installed plugin: disabled, nothing acknowledged, not pinned. */
  public static final PluginState DEFAULT = new PluginState(false, null, null);

  public PluginState withEnabled(boolean value) {
    return new PluginState(value, acknowledgedPermissions, pinnedVersion);
  }

  public PluginState withAcknowledgedPermissions(@Nullable String digest) {
    return new PluginState(enabled, digest, pinnedVersion);
  }

  public PluginState withPinnedVersion(@Nullable String version) {
    return new PluginState(enabled, acknowledgedPermissions, version);
  }

  /**
   * A stable digest of a declared permission set (sha256 over a canonical, order-independent
   * text form). Equal sets give equal digests whatever order the manifest lists them in.
   */
  public static String permissionsDigest(PluginManifest.Permissions p) {
    List<String> lines = new ArrayList<>();
    p.network().stream().sorted().forEach(v -> lines.add("network=" + v));
    p.secrets().stream().sorted().forEach(v -> lines.add("secret=" + v));
    p.filesystemRead().stream().sorted().forEach(v -> lines.add("read=" + v));
    p.filesystemWrite().stream().sorted().forEach(v -> lines.add("write=" + v));
    lines.add("spawn=" + p.spawn());
    lines.add("profile=" + (p.profile() == null ? "" : p.profile()));
    // only when declared, so digests of plugins without capabilities stay what operators acknowledged
    p.capabilities().stream().map(dev.plinth.manifest.Capability::id).sorted().forEach(v -> lines.add("capability=" + v));
    return "sha256:" + TreeDigest.sha256(String.join("\n", lines));
  }
}
