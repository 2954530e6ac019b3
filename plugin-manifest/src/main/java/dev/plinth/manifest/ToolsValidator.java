package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * {@code [[plugin.tools]]}: the input schema of each exposed tool, so a host can advertise a tool
 * before the plugin runs. Each entry must describe a tool of {@code contributes.tools} and carry a
 * non-empty object schema. Stateless.
 */
final class ToolsValidator {
  private static final Set<String> KEYS = Set.of("name", "description", "input_schema");
  private static final String SCHEMA_NEXT = "Give the tool an input schema table with type = \"object\","
      + " e.g. input_schema = { type = \"object\", properties = { path = { type = \"string\" } } }.";

  private ToolsValidator() {}

  /**
   * @param exposed the tools {@code contributes.tools} kept (already namespace-checked)
   */
  static List<PluginManifest.Tool> tools(FieldReader plugin, List<String> exposed) {
    Object raw = plugin.raw("tools");
    if (raw == null) {
      return List.of();
    }
    String field = plugin.field("tools");
    if (!(raw instanceof TomlArray array)) {
      plugin.typeError(field, raw, "an array of tables ([[plugin.tools]])");
      return List.of();
    }
    List<PluginManifest.Tool> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String entryField = field + "[" + i + "]";
      if (!(array.get(i) instanceof TomlTable t)) {
        plugin.typeError(entryField, array.get(i), "a table ([[plugin.tools]] entry)");
        continue;
      }
      PluginManifest.Tool tool = tool(new FieldReader(t, entryField, plugin.issues()), exposed);
      if (tool != null && !seen.add(tool.name())) {
        plugin.issues().add(ManifestCode.DUPLICATE_ENTRY, entryField + ".name", tool.name(),
            "has a schema already", "Keep one [[plugin.tools]] entry per tool.");
      } else if (tool != null) {
        out.add(tool);
      }
    }
    return out;
  }

  private static PluginManifest.@Nullable Tool tool(FieldReader entry, List<String> exposed) {
    Issues issues = entry.issues();
    entry.unknownKeys(KEYS);
    String name = entry.requiredString("name", "Name the exposed tool this schema is for, e.g. name = \"acme_scan\".");
    boolean ok = name != null;
    if (name != null && !exposed.contains(name)) {
      issues.add(ManifestCode.TOOL_NOT_EXPOSED, entry.field("name"), name,
          "is not listed in plugin.contributes.tools",
          "Add \"" + name + "\" to contributes.tools (it must follow the <id>_ namespace), or remove this entry.");
      ok = false;
    }
    String description = entry.string("description");
    if (description != null && description.isBlank()) {
      issues.add(ManifestCode.MANIFEST_FIELD_EMPTY, entry.field("description"), description, "must not be empty",
          "Say what the tool does in one sentence, or remove description.");
      description = null;
    }
    Map<String, Object> schema = Map.of();
    Object rawSchema = entry.raw("input_schema");
    if (rawSchema == null) {
      issues.add(ManifestCode.TOOL_SCHEMA_INVALID, entry.field("input_schema"), null, "is required", SCHEMA_NEXT);
      ok = false;
    } else if (!(rawSchema instanceof TomlTable table)) {
      issues.add(ManifestCode.TOOL_SCHEMA_INVALID, entry.field("input_schema"), FieldReader.render(rawSchema),
          "must be a table (a JSON Schema object)", SCHEMA_NEXT);
      ok = false;
    } else if (table.isEmpty()) {
      issues.add(ManifestCode.TOOL_SCHEMA_INVALID, entry.field("input_schema"), "{}", "must not be empty",
          SCHEMA_NEXT);
      ok = false;
    } else {
      FieldReader reader = entry.table("input_schema");
      if (reader != null) {
        int before = issues.all().size();
        ConfigSchemaValidator.check(reader, ManifestCode.TOOL_SCHEMA_INVALID, SCHEMA_NEXT);
        ok &= issues.all().size() == before;
        schema = ConfigSchemaValidator.toMap(table);
      }
    }
    return ok && name != null ? new PluginManifest.Tool(name, description, schema) : null;
  }
}
