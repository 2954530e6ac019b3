package dev.plinth.manifest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlParseResult;

/**
 * Turns a parsed TOML document into a {@link PluginManifest} and every issue with it, table by
 * table. The model is built whenever {@code [plugin]}, {@code plugin.id} and {@code plugin.version}
 * are present as strings, even when other fields are wrong (they fall back to their defaults), so
 * preflight can add its own findings. Stateless and thread-safe.
 */
final class ManifestValidator {
  static final Set<String> PLUGIN_KEYS = Set.of("id", "version", "name", "description", "authors",
      "license", "engine", "runtime", "dependencies", "contributes", "hooks", "permissions",
      "config_schema", "tools", "crash_guard");

  private ManifestValidator() {}

  static ManifestReport validate(TomlParseResult toml) {
    Issues issues = new Issues();
    FieldReader root = new FieldReader(toml, "", issues);
    root.unknownKeys(Set.of("plugin"));
    if (!root.has("plugin")) {
      issues.add(ManifestCode.MANIFEST_FIELD_MISSING, "plugin", null, "table is required",
          "Start plugin.toml with a [plugin] table holding id and version.");
      return new ManifestReport(null, issues.all());
    }
    FieldReader plugin = root.table("plugin");
    if (plugin == null) {
      return new ManifestReport(null, issues.all());
    }
    plugin.unknownKeys(PLUGIN_KEYS);
    return new ManifestReport(build(plugin), issues.all());
  }

  private static @Nullable PluginManifest build(FieldReader plugin) {
    String id = plugin.requiredString("id", "Add id = \"your_plugin\" to [plugin] (" + Names.ID_RULE + ").");
    String version = plugin.requiredString("version", "Add version = \"1.0.0\" (a semantic version) to [plugin].");
    if (id != null && !Names.ID.matcher(id).matches()) {
      plugin.issues().add(ManifestCode.MANIFEST_ID_INVALID, "plugin.id", id, "must match " + Names.ID_RULE,
          "Use 2 to 48 lower-case letters, digits and underscores, starting with a letter, e.g. `"
              + suggestId(id) + "`.");
    }
    if (version != null && !VersionRanges.isStrict(version)) {
      plugin.issues().add(ManifestCode.MANIFEST_VERSION_INVALID, "plugin.version", version,
          "must be a semantic version (MAJOR.MINOR.PATCH)",
          "Write the version as MAJOR.MINOR.PATCH, e.g. `1.0.0` (no leading `v`).");
    }
    String name = nonEmpty(plugin, "name", "Give the plugin a display name, e.g. name = \"Acme Redactor\","
        + " or remove the key to show the id.");
    String description = nonEmpty(plugin, "description", "Say in one sentence what the plugin does,"
        + " or remove the key.");
    List<String> authors = plugin.strings("authors");
    String license = plugin.string("license");
    boolean validId = id != null && Names.ID.matcher(id).matches();

    PluginManifest.Engine engine = EngineValidator.engine(plugin.table("engine"));
    PluginManifest.Runtime runtime = RuntimeValidator.runtime(plugin.table("runtime"));
    Map<String, String> dependencies = EngineValidator.dependencies(plugin.table("dependencies"), id);
    PluginManifest.Contributes contributes =
        ContributesValidator.contributes(plugin.table("contributes"), validId ? id : null);
    List<PluginManifest.HookPolicy> hooks = HooksValidator.hooks(plugin, contributes.hooks());
    PluginManifest.Permissions permissions = PermissionsValidator.permissions(plugin.table("permissions"));
    Map<String, Object> schema = ConfigSchemaValidator.schema(plugin.table("config_schema"));
    List<PluginManifest.Tool> tools = ToolsValidator.tools(plugin, contributes.tools());
    PluginManifest.CrashLimits crashLimits = CrashGuardValidator.limits(plugin.table("crash_guard"));

    if (id == null || version == null) {
      return null;
    }
    return new PluginManifest(id, version, name == null ? id : name,
        description == null ? "" : description, authors, license, engine, runtime, dependencies,
        contributes, hooks, permissions, schema, tools, crashLimits);
  }

  /** An optional string that, when given, must not be blank (reported; then treated as absent). */
  private static @Nullable String nonEmpty(FieldReader plugin, String key, String nextStep) {
    String value = plugin.string(key);
    if (value != null && value.isBlank()) {
      plugin.issues().add(ManifestCode.MANIFEST_FIELD_EMPTY, plugin.field(key), value, "must not be empty",
          nextStep);
      return null;
    }
    return value;
  }

  /** A plausible valid id derived from an invalid one, for the next step. */
  static String suggestId(String id) {
    String s = id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    s = s.replaceAll("^[^a-z]+", "");
    if (s.length() < 2) {
      s = "my_plugin";
    }
    return s.length() > 48 ? s.substring(0, 48) : s;
  }
}
