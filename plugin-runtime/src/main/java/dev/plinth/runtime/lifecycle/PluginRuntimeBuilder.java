package dev.plinth.runtime.lifecycle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.events.EventSink;
import dev.plinth.runtime.RuntimeSettings;
import dev.plinth.runtime.context.HookWiring;
import dev.plinth.runtime.context.HostServices;
import dev.plinth.runtime.context.SecretsProvider;
import dev.plinth.runtime.guard.AutoDisable;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Builds a {@link PluginRuntime}. Every collaborator has a no-op default ({@link EventSink#NONE},
 * {@link SecretsProvider#NONE}, {@link HostServices#NONE}, {@link HookWiring#NONE}); each setting may
 * be given once. Not thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class PluginRuntimeBuilder {
  final Path dataRoot;
  RuntimeSettings settings = RuntimeSettings.defaults();
  EventSink events = EventSink.NONE;
  SecretsProvider secrets = SecretsProvider.NONE;
  HostServices services = HostServices.NONE;
  HookWiring hooks = HookWiring.NONE;
  Set<Class<?>> extensionInterfaces = Set.of();
  Function<String, Map<String, ?>> configs = id -> Map.of();
  AutoDisable.Listener autoDisable = AutoDisable.Listener.NONE;
  java.util.List<String> deniedHosts = dev.plinth.manifest.HostProfile.DEFAULT_DENIED_HOSTS;
  private final Set<String> given = new HashSet<>();

  PluginRuntimeBuilder(Path dataRoot) {
    this.dataRoot = requireNonNull(dataRoot, "dataRoot");
  }

  public PluginRuntimeBuilder settings(RuntimeSettings settings) {
    once("settings", this.settings);
    this.settings = requireNonNull(settings, "settings");
    return this;
  }

  public PluginRuntimeBuilder events(EventSink events) {
    once("events", this.events);
    this.events = requireNonNull(events, "events");
    return this;
  }

  /**
   * Hosts a plugin's HTTP client never reaches, whatever its manifest declares (entries may be
   * {@code *.}-wildcards); default {@link dev.plinth.manifest.HostProfile#DEFAULT_DENIED_HOSTS}.
   */
  public PluginRuntimeBuilder deniedHosts(java.util.List<String> hosts) {
    once("deniedHosts", this.deniedHosts);
    this.deniedHosts = java.util.List.copyOf(hosts);
    return this;
  }

  /** Where declared secrets are looked up. */
  public PluginRuntimeBuilder secrets(SecretsProvider secrets) {
    once("secrets", this.secrets);
    this.secrets = requireNonNull(secrets, "secrets");
    return this;
  }

  /** The services plugins may ask their context for. */
  public PluginRuntimeBuilder services(HostServices services) {
    once("services", this.services);
    this.services = requireNonNull(services, "services");
    return this;
  }

  /** The hook registry seam: registrars for plugins, and removal at unload. */
  public PluginRuntimeBuilder hooks(HookWiring hooks) {
    once("hooks", this.hooks);
    this.hooks = requireNonNull(hooks, "hooks");
    return this;
  }

  /** The extension interfaces the host offers (they must live in exported packages). */
  public PluginRuntimeBuilder extensionInterfaces(Set<Class<?>> interfaces) {
    once("extensionInterfaces", this.extensionInterfaces);
    this.extensionInterfaces = Set.copyOf(interfaces);
    return this;
  }

  /** Each plugin's validated settings, by plugin id; default empty. */
  public PluginRuntimeBuilder configs(Function<String, Map<String, ?>> configs) {
    once("configs", this.configs);
    this.configs = requireNonNull(configs, "configs");
    return this;
  }

  /** Told when the crash guard disables a plugin, to persist it (before the runtime unloads it). */
  public PluginRuntimeBuilder onAutoDisable(AutoDisable.Listener listener) {
    once("onAutoDisable", this.autoDisable);
    this.autoDisable = requireNonNull(listener, "listener");
    return this;
  }

  public PluginRuntime build() {
    return new PluginRuntime(this);
  }

  private void once(String name, Object old) {
    if (!given.add(name)) {
      throw new IllegalStateException(name + " was already set: " + old);
    }
  }
}
