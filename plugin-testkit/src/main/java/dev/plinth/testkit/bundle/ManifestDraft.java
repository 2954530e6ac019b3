package dev.plinth.testkit.bundle;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The manifest fields a {@link PluginBundleBuilder} collects, turned into a {@link PluginManifest}
 * and then TOML. A single-valued field given twice is an error naming the old value. Not
 * thread-safe.
 */
final class ManifestDraft {
  private final String id;
  private final String version;
  private @Nullable String name;
  private @Nullable String description;
  private final List<String> authors = new ArrayList<>();
  private @Nullable String license;
  private PluginManifest.Engine engine = PluginManifest.Engine.NONE;
  private boolean engineSet;
  private @Nullable String entry;
  private @Nullable List<String> classpath;
  private final List<String> exports = new ArrayList<>();
  private final Map<String, String> dependencies = new LinkedHashMap<>();
  private final List<String> hooks = new ArrayList<>();
  private final List<String> extensions = new ArrayList<>();
  private final List<String> tools = new ArrayList<>();
  private final List<PluginManifest.HookPolicy> policies = new ArrayList<>();
  private PluginManifest.@Nullable Permissions permissions;
  private @Nullable Map<String, Object> configSchema;

  ManifestDraft(String id, String version) {
    this.id = id;
    this.version = version;
  }

  static <T> T once(String field, @Nullable Object old, T now) {
    if (old != null) {
      throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
          field + " already set: " + old + " (second value: " + now + ")",
          "Set " + field + " once per builder.");
    }
    return now;
  }

  void name(String v) {
    name = once("plugin.name", name, v);
  }

  void description(String v) {
    description = once("plugin.description", description, v);
  }

  void authors(List<String> v) {
    authors.addAll(v);
  }

  void license(String v) {
    license = once("plugin.license", license, v);
  }

  void engine(@Nullable String host, @Nullable String api, @Nullable String java) {
    once("plugin.engine", engineSet ? engine : null, "host=" + host);
    engine = new PluginManifest.Engine(host, api, java);
    engineSet = true;
  }

  void entry(String v) {
    entry = once("plugin.runtime.entry", entry, v);
  }

  void classpath(List<String> v) {
    classpath = once("plugin.runtime.classpath", classpath, List.copyOf(v));
  }

  void exports(List<String> v) {
    exports.addAll(v);
  }

  void dependency(String pluginId, String range) {
    String old = dependencies.putIfAbsent(pluginId, range);
    once("plugin.dependencies." + pluginId, old, range);
  }

  void hooks(List<String> v) {
    hooks.addAll(v);
  }

  void extensions(List<String> v) {
    extensions.addAll(v);
  }

  void tools(List<String> v) {
    tools.addAll(v);
  }

  void hookPolicy(PluginManifest.HookPolicy policy) {
    policies.add(policy);
  }

  void permissions(PluginManifest.Permissions v) {
    permissions = once("plugin.permissions", permissions, v);
  }

  void configSchema(Map<String, ?> v) {
    configSchema = once("plugin.config_schema", configSchema, new LinkedHashMap<String, Object>(v));
  }

  PluginManifest toManifest() {
    PluginManifest.Runtime runtime = PluginManifest.Runtime.DEFAULT;
    if (entry != null || classpath != null || !exports.isEmpty()) {
      runtime = new PluginManifest.Runtime(entry,
          classpath != null ? classpath : PluginManifest.Runtime.DEFAULT.classpath(), exports);
    }
    return new PluginManifest(id, version, name != null ? name : id,
        description != null ? description : "", authors, license, engine, runtime, dependencies,
        new PluginManifest.Contributes(hooks, extensions, tools), policies,
        permissions != null ? permissions : PluginManifest.Permissions.NONE,
        configSchema != null ? configSchema : Map.of());
  }
}
