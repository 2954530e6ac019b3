package dev.plinth.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code [plugin.engine]} and {@code [plugin.dependencies]}: version ranges. Stateless. */
final class EngineValidator {
  private static final Set<String> ENGINE_KEYS = Set.of("host", "api", "java");

  private EngineValidator() {}

  static PluginManifest.Engine engine(@Nullable FieldReader engine) {
    if (engine == null) {
      return PluginManifest.Engine.NONE;
    }
    engine.unknownKeys(ENGINE_KEYS);
    return new PluginManifest.Engine(
        range(engine, "host"), range(engine, "api"), range(engine, "java"));
  }

  static Map<String, String> dependencies(@Nullable FieldReader deps, @Nullable String ownId) {
    Map<String, String> out = new LinkedHashMap<>();
    if (deps == null) {
      return out;
    }
    Issues issues = deps.issues();
    for (String key : deps.keys()) {
      String field = deps.field(key);
      boolean ok = true;
      if (!Names.ID.matcher(key).matches()) {
        issues.add(ManifestCode.MANIFEST_ID_INVALID, field, key, "must be a plugin id matching " + Names.ID_RULE,
            "Use the dependency's plugin.id as the key, e.g. `other_plugin = \">=1.0.0\"`.");
        ok = false;
      } else if (key.equals(ownId)) {
        issues.add(ManifestCode.DEPENDENCY_SELF, field, key, "names the plugin itself",
            "Remove the plugin's own id from [plugin.dependencies].");
        ok = false;
      }
      String range = range(deps, key);
      if (ok && range != null) {
        out.put(key, range);
      }
    }
    return out;
  }

  /** A valid range string, or null when absent or invalid (reported). */
  static @Nullable String range(FieldReader table, String key) {
    String value = table.string(key);
    if (value == null) {
      return null;
    }
    String problem = VersionRanges.problem(value);
    if (problem != null) {
      table.issues().add(ManifestCode.VERSION_RANGE_INVALID, table.field(key), value, problem,
          "Write an npm-style range such as `>=2.1.0 <3.0.0`, `^1.0`, `~1.2` or `*`.");
      return null;
    }
    return value;
  }
}
