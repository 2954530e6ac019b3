package dev.plinth.manifest;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.PluginDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code plugin.toml}: one record per table of the manifest, so installers, the runtime and
 * tools read typed values instead of TOML. Immutable and thread-safe. Build it with {@link
 * ManifestParser}; {@link ManifestWriter} writes it back. See {@code docs/manifest.md}.
 *
 * @param id {@code plugin.id}
 * @param version {@code plugin.version}, a semantic version
 * @param name {@code plugin.name} (the id when absent)
 * @param description {@code plugin.description} (empty when absent)
 * @param authors {@code plugin.authors}
 * @param license {@code plugin.license}, or null
 * @param engine {@code [plugin.engine]}
 * @param runtime {@code [plugin.runtime]}
 * @param dependencies {@code [plugin.dependencies]}: plugin id to version range, in file order
 * @param contributes {@code [plugin.contributes]}
 * @param hooks {@code [[plugin.hooks]]}, the operator-visible policy per hook point
 * @param permissions {@code [plugin.permissions]}
 * @param configSchema {@code [plugin.config_schema]} as plain maps and lists (empty when absent)
 * @param tools {@code [[plugin.tools]]}: the input schema of each exposed tool that declares one
 * @param crashLimits {@code [plugin.crash_guard]}: the stricter crash-guard limits the plugin asks for
 */
@API(status = STABLE, since = "0.1")
public record PluginManifest(
    String id,
    String version,
    String name,
    String description,
    List<String> authors,
    @Nullable String license,
    Engine engine,
    Runtime runtime,
    Map<String, String> dependencies,
    Contributes contributes,
    List<HookPolicy> hooks,
    Permissions permissions,
    Map<String, Object> configSchema,
    List<Tool> tools,
    CrashLimits crashLimits) {

  public PluginManifest {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    authors = List.copyOf(authors);
    requireNonNull(engine, "engine");
    requireNonNull(runtime, "runtime");
    dependencies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependencies));
    requireNonNull(contributes, "contributes");
    hooks = List.copyOf(hooks);
    requireNonNull(permissions, "permissions");
    configSchema = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configSchema));
    tools = List.copyOf(tools);
    requireNonNull(crashLimits, "crashLimits");
  }

  /** A manifest without tool schemas or crash-guard limits (the shape of the first release). */
  public PluginManifest(String id, String version, String name, String description, List<String> authors,
      @Nullable String license, Engine engine, Runtime runtime, Map<String, String> dependencies,
      Contributes contributes, List<HookPolicy> hooks, Permissions permissions, Map<String, Object> configSchema) {
    this(id, version, name, description, authors, license, engine, runtime, dependencies, contributes, hooks,
        permissions, configSchema, List.of(), CrashLimits.NONE);
  }

  /** The schema the manifest declares for an exposed tool, if any. */
  public Optional<Tool> tool(String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The descriptor a running plugin sees. */
  public PluginDescriptor descriptor() {
    return new PluginDescriptor(
        id, version, name, description, authors, contributes.hooks(), contributes.extensions(),
        contributes.tools());
  }

  /** The policy the manifest sets for a hook point, if any. */
  public Optional<HookPolicy> hookPolicy(String point) {
    return hooks.stream().filter(h -> h.point().equals(point)).findFirst();
  }

  /**
   * {@code [plugin.engine]}: version ranges (npm-style, as semver4j reads them) the host, the
   * plugin API contract and the JVM must satisfy. Null when the manifest leaves one out.
   */
  public record Engine(@Nullable String host, @Nullable String api, @Nullable String java) {
    public static final Engine NONE = new Engine(null, null, null);
  }

  /**
   * {@code [plugin.runtime]}.
   *
   * @param entry fully qualified {@code Plugin} class, or null to use the single ServiceLoader provider
   * @param classpath relative classpath entries inside the bundle (globs such as {@code lib/*.jar})
   * @param exports packages that dependent plugins may load from this plugin
   * @param activation {@code activation}: when the plugin is started, or null for the host's default
   */
  public record Runtime(
      @Nullable String entry, List<String> classpath, List<String> exports, @Nullable Activation activation) {
    /** No entry; the classpath is the bundle's {@code classes} folder and {@code lib/*.jar}. */
    public static final Runtime DEFAULT = new Runtime(null, List.of("classes", "lib/*.jar"), List.of());

    public Runtime {
      classpath = List.copyOf(classpath);
      exports = List.copyOf(exports);
    }

    /** A runtime table without {@code activation}: the host's default applies. */
    public Runtime(@Nullable String entry, List<String> classpath, List<String> exports) {
      this(entry, classpath, exports, null);
    }

    public Runtime withActivation(@Nullable Activation activation) {
      return new Runtime(entry, classpath, exports, activation);
    }
  }

  /**
   * {@code plugin.runtime.activation}: {@code eager} plugins start at boot; {@code lazy} ones start
   * on the first dispatch to one of their hook points or the first lookup of one of their extensions.
   */
  @API(status = STABLE, since = "0.1")
  public enum Activation {
    EAGER,
    LAZY;

    /** The manifest's spelling: {@code eager} or {@code lazy}. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * {@code [plugin.contributes]}: what the plugin adds to the host.
   *
   * @param hooks hook points it handles
   * @param extensions extension interfaces it implements
   * @param tools the tools it exposes (each named {@code <id>_...})
   * @param deferredTools exposed tools whose schema a host should offer only on demand, not up front
   */
  public record Contributes(
      List<String> hooks, List<String> extensions, List<String> tools, List<String> deferredTools) {
    public static final Contributes NONE = new Contributes(List.of(), List.of(), List.of(), List.of());

    public Contributes {
      hooks = List.copyOf(hooks);
      extensions = List.copyOf(extensions);
      tools = List.copyOf(tools);
      deferredTools = List.copyOf(deferredTools);
    }

    /** Contributions without deferred tools. */
    public Contributes(List<String> hooks, List<String> extensions, List<String> tools) {
      this(hooks, extensions, tools, List.of());
    }
  }

  /**
   * One {@code [[plugin.tools]]} entry: the input a host should advertise for an exposed tool.
   *
   * @param name the tool, one of {@code contributes.tools}
   * @param description what the tool does, for the model or operator, or null
   * @param inputSchema a JSON Schema object (root {@code type = "object"}) as plain maps and lists
   */
  public record Tool(String name, @Nullable String description, Map<String, Object> inputSchema) {
    public Tool {
      requireNonNull(name, "name");
      inputSchema = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputSchema));
    }
  }

  /**
   * {@code [plugin.crash_guard]}: limits a plugin asks the crash guard to apply to it. They can only
   * make the host's guard stricter: the runtime uses the smaller failure count and the longer window.
   *
   * @param maxFailures failures inside the window that auto-disable the plugin (1..100), or null
   * @param windowMs the window in milliseconds (1000..86400000), or null
   */
  public record CrashLimits(@Nullable Integer maxFailures, @Nullable Long windowMs) {
    public static final CrashLimits NONE = new CrashLimits(null, null);
  }

  /**
   * One {@code [[plugin.hooks]]} entry: how the operator wants a hook handled.
   *
   * @param point the hook point name
   * @param priority higher runs first (null: the handler's own or 0)
   * @param timeoutMs per-call timeout in milliseconds (null: the default)
   * @param failure {@code open} or {@code closed} (null: the point's default)
   */
  public record HookPolicy(
      String point, @Nullable Integer priority, @Nullable Long timeoutMs, @Nullable String failure) {
    public HookPolicy {
      requireNonNull(point, "point");
    }
  }

  /**
   * {@code [plugin.permissions]}.
   *
   * @param network host names, optionally with a leading {@code *.} wildcard
   * @param secrets secret keys the plugin may read
   * @param filesystemRead readable paths ({@code ${data_dir}} is the plugin's data folder)
   * @param filesystemWrite writable paths
   * @param spawn whether the plugin may start processes
   * @param profile the sandbox profile the host should apply, or null ({@link SandboxProfile#STANDARD})
   * @param capabilities capabilities beyond the profile the plugin's code uses (see {@link Capability});
   *     acknowledged by the operator like the other permissions
   */
  public record Permissions(
      List<String> network,
      List<String> secrets,
      List<String> filesystemRead,
      List<String> filesystemWrite,
      boolean spawn,
      @Nullable String profile,
      List<Capability> capabilities) {
    public static final Permissions NONE =
        new Permissions(List.of(), List.of(), List.of(), List.of(), false, null, List.of());

    public Permissions {
      network = List.copyOf(network);
      secrets = List.copyOf(secrets);
      filesystemRead = List.copyOf(filesystemRead);
      filesystemWrite = List.copyOf(filesystemWrite);
      capabilities = List.copyOf(capabilities);
    }

    /** Permissions that declare no capabilities. */
    public Permissions(List<String> network, List<String> secrets, List<String> filesystemRead,
        List<String> filesystemWrite, boolean spawn, @Nullable String profile) {
      this(network, secrets, filesystemRead, filesystemWrite, spawn, profile, List.of());
    }

    /** True when the plugin asks for anything an operator should acknowledge. */
    public boolean isEmpty() {
      return network.isEmpty() && secrets.isEmpty() && filesystemRead.isEmpty()
          && filesystemWrite.isEmpty() && !spawn && profile == null && capabilities.isEmpty();
    }

    /** A copy declaring these capabilities. */
    public Permissions withCapabilities(List<Capability> value) {
      return new Permissions(network, secrets, filesystemRead, filesystemWrite, spawn, profile, value);
    }
  }
}
