package dev.plinth.manifest;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.PlinthApi;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a host offers, for compatibility checks. {@code PluginSystem} writes it to
 * {@code <home>/host.toml} (see {@link HostProfiles}) so the command line can check plugins against
 * the same profile. Immutable and thread-safe; the {@code withX} methods return changed copies.
 *
 * @param hostName the host application's name
 * @param hostVersion the host's semantic version; null is always an error in preflight, never a pass
 * @param apiVersion the plugin-api contract version ({@link PlinthApi#VERSION})
 * @param javaVersion the JVM feature version the host runs on (e.g. "17.0.15")
 * @param hookPoints names of the hook points the host offers
 * @param extensionInterfaces fully qualified names of the extension interfaces the host offers
 * @param sandboxProfiles names of the sandbox profiles the host defines
 * @param exportedPackages packages the host exports to plugins (bundles must not carry them)
 * @param installedPlugins installed plugin ids and their current versions
 * @param deniedHosts network hosts no plugin may be granted, even by name (entries may be
 *     {@code *.}-wildcards); {@link #DEFAULT_DENIED_HOSTS} unless the host says otherwise
 * @param unrestrictedNetwork whether the operator lets plugins ask for any host ({@code "*"})
 * @param sandboxDefinitions sandbox profiles the host defines, by name (the built-in {@code strict},
 *     {@code standard} and {@code trusted} need no definition); each name is also in {@code sandboxProfiles}
 */
@API(status = STABLE, since = "0.1")
public record HostProfile(
    String hostName,
    @Nullable String hostVersion,
    String apiVersion,
    String javaVersion,
    Set<String> hookPoints,
    Set<String> extensionInterfaces,
    Set<String> sandboxProfiles,
    List<String> exportedPackages,
    Map<String, String> installedPlugins,
    List<String> deniedHosts,
    boolean unrestrictedNetwork,
    Map<String, SandboxProfile> sandboxDefinitions) {

  /** Hosts denied unless the host profile says otherwise: the cloud instance-metadata endpoints. */
  public static final List<String> DEFAULT_DENIED_HOSTS =
      List.of("169.254.169.254", "metadata.google.internal", "metadata.azure.com");

  public HostProfile {
    java.util.Objects.requireNonNull(hostName, "hostName");
    java.util.Objects.requireNonNull(apiVersion, "apiVersion");
    java.util.Objects.requireNonNull(javaVersion, "javaVersion");
    hookPoints = Set.copyOf(hookPoints);
    extensionInterfaces = Set.copyOf(extensionInterfaces);
    sandboxProfiles = Set.copyOf(sandboxProfiles);
    exportedPackages = List.copyOf(exportedPackages);
    installedPlugins.forEach((id, version) -> {
      requireNonNull(id, "installedPlugins id");
      requireNonNull(version, "installedPlugins version");
    });
    // Kept in id order (host.toml lists them so); a sorted map given here is copied without a sort.
    installedPlugins = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(installedPlugins));
    deniedHosts = List.copyOf(deniedHosts);
    sandboxDefinitions = Map.copyOf(sandboxDefinitions);
    if (!sandboxProfiles.containsAll(sandboxDefinitions.keySet())) {
      Set<String> names = new java.util.HashSet<>(sandboxProfiles);
      names.addAll(sandboxDefinitions.keySet());
      sandboxProfiles = Set.copyOf(names);
    }
  }

  /**
   * A profile with the default denied hosts, no unrestricted network and no sandbox profile
   * definitions (the first release's shape).
   */
  public HostProfile(String hostName, @Nullable String hostVersion, String apiVersion, String javaVersion,
      Set<String> hookPoints, Set<String> extensionInterfaces, Set<String> sandboxProfiles,
      List<String> exportedPackages, Map<String, String> installedPlugins) {
    this(hostName, hostVersion, apiVersion, javaVersion, hookPoints, extensionInterfaces, sandboxProfiles,
        exportedPackages, installedPlugins, DEFAULT_DENIED_HOSTS, false, Map.of());
  }

  /** A copy that also defines this sandbox profile (replacing one of the same name). */
  public HostProfile withSandboxProfile(SandboxProfile profile) {
    Map<String, SandboxProfile> defs = new java.util.HashMap<>(sandboxDefinitions);
    defs.put(profile.name(), profile);
    return new HostProfile(hostName, hostVersion, apiVersion, javaVersion, hookPoints, extensionInterfaces,
        sandboxProfiles, exportedPackages, installedPlugins, deniedHosts, unrestrictedNetwork, defs);
  }

  /** A profile for this JVM and API version with the given host name and version, offering nothing else yet. */
  public static HostProfile of(String hostName, @Nullable String hostVersion) {
    return new HostProfile(
        hostName, hostVersion, PlinthApi.VERSION, System.getProperty("java.version", "17"),
        Set.of(), Set.of(), Set.of(), List.of(), Map.of());
  }

  public HostProfile withHostVersion(@Nullable String version) {
    return new HostProfile(hostName, version, apiVersion, javaVersion, hookPoints, extensionInterfaces,
        sandboxProfiles, exportedPackages, installedPlugins, deniedHosts, unrestrictedNetwork, sandboxDefinitions);
  }

  public HostProfile withHookPoints(Set<String> points) {
    return new HostProfile(hostName, hostVersion, apiVersion, javaVersion, points, extensionInterfaces,
        sandboxProfiles, exportedPackages, installedPlugins, deniedHosts, unrestrictedNetwork, sandboxDefinitions);
  }

  public HostProfile withExtensionInterfaces(Set<String> interfaces) {
    return new HostProfile(hostName, hostVersion, apiVersion, javaVersion, hookPoints, interfaces,
        sandboxProfiles, exportedPackages, installedPlugins, deniedHosts, unrestrictedNetwork, sandboxDefinitions);
  }

  public HostProfile withSandboxProfiles(Set<String> profiles) {
    return new HostProfile(hostName, hostVersion, apiVersion, javaVersion, hookPoints,
        extensionInterfaces, profiles, exportedPackages, installedPlugins, deniedHosts, unrestrictedNetwork, sandboxDefinitions);
  }

  public HostProfile withExportedPackages(List<String> packages) {
    return new HostProfile(hostName, hostVersion, apiVersion, javaVersion, hookPoints,
        extensionInterfaces, sandboxProfiles, packages, installedPlugins, deniedHosts, unrestrictedNetwork, sandboxDefinitions);
  }

  public HostProfile withInstalledPlugins(Map<String, String> installed) {
    return new HostProfile(hostName, hostVersion, apiVersion, javaVersion, hookPoints,
        extensionInterfaces, sandboxProfiles, exportedPackages, installed, deniedHosts, unrestrictedNetwork, sandboxDefinitions);
  }

  public HostProfile withJavaVersion(String version) {
    return new HostProfile(hostName, hostVersion, apiVersion, version, hookPoints,
        extensionInterfaces, sandboxProfiles, exportedPackages, installedPlugins, deniedHosts, unrestrictedNetwork, sandboxDefinitions);
  }

  public HostProfile withApiVersion(String version) {
    return new HostProfile(hostName, hostVersion, version, javaVersion, hookPoints,
        extensionInterfaces, sandboxProfiles, exportedPackages, installedPlugins, deniedHosts, unrestrictedNetwork, sandboxDefinitions);
  }

  /** Hosts no plugin may be granted (entries may be {@code *.}-wildcards), replacing the defaults. */
  public HostProfile withDeniedHosts(List<String> hosts) {
    return new HostProfile(hostName, hostVersion, apiVersion, javaVersion, hookPoints, extensionInterfaces,
        sandboxProfiles, exportedPackages, installedPlugins, hosts, unrestrictedNetwork, sandboxDefinitions);
  }

  /** Whether plugins may ask for any host ({@code network = ["*"]}): an operator's explicit opt-in. */
  public HostProfile withUnrestrictedNetwork(boolean allowed) {
    return new HostProfile(hostName, hostVersion, apiVersion, javaVersion, hookPoints, extensionInterfaces,
        sandboxProfiles, exportedPackages, installedPlugins, deniedHosts, allowed, sandboxDefinitions);
  }
}
