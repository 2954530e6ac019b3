package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * {@code [plugin.config_schema]}: a JSON Schema whose root is an object schema. Only the shape that
 * the runtime relies on is checked (root type, properties as tables, property types, required
 * names); other JSON Schema keywords pass through untouched. Stateless.
 */
final class ConfigSchemaValidator {
  private static final Set<String> TYPES =
      Set.of("string", "number", "integer", "boolean", "array", "object", "null");
  private static final String NEXT = "Make [plugin.config_schema] a JSON Schema object: type = \"object\""
      + " and one [plugin.config_schema.properties.<name>] table per setting.";

  private ConfigSchemaValidator() {}

  static Map<String, Object> schema(@Nullable FieldReader table) {
    if (table == null) {
      return Map.of();
    }
    Issues issues = table.issues();
    Object type = table.raw("type");
    if (type == null) {
      issues.add(ManifestCode.CONFIG_SCHEMA_INVALID, table.field("type"), null, "is required (must be \"object\")", NEXT);
    } else if (!"object".equals(type)) {
      issues.add(ManifestCode.CONFIG_SCHEMA_INVALID, table.field("type"), FieldReader.render(type),
          "must be \"object\"", NEXT);
    }
    Set<String> names = Set.of();
    Object properties = table.raw("properties");
    if (properties != null && !(properties instanceof TomlTable)) {
      issues.add(ManifestCode.CONFIG_SCHEMA_INVALID, table.field("properties"), FieldReader.render(properties),
          "must be a table of property schemas", NEXT);
    } else if (properties instanceof TomlTable props) {
      names = props.keySet();
      FieldReader reader = new FieldReader(props, table.field("properties"), issues);
      for (String name : props.keySet()) {
        checkProperty(reader, name);
      }
    }
    Object required = table.raw("required");
    if (required != null) {
      checkRequired(table, required, names);
    }
    return toMap(table.rawTable());
  }

  private static void checkProperty(FieldReader props, String name) {
    Object property = props.raw(name);
    String field = props.field(name);
    if (!(property instanceof TomlTable p)) {
      props.issues().add(ManifestCode.CONFIG_SCHEMA_INVALID, field, FieldReader.render(property),
          "must be a table (a property schema)", "Write [plugin.config_schema.properties." + name + "] with a type.");
      return;
    }
    Object type = p.get(List.of("type"));
    if (type != null && !(type instanceof String s && TYPES.contains(s))) {
      props.issues().add(ManifestCode.CONFIG_SCHEMA_INVALID, field + ".type", FieldReader.render(type),
          "must be one of " + String.join(", ", TYPES.stream().sorted().toList()),
          "Use a JSON Schema type name, e.g. type = \"string\".");
    }
  }

  private static void checkRequired(FieldReader table, Object required, Set<String> names) {
    String field = table.field("required");
    if (!(required instanceof TomlArray array)) {
      table.issues().add(ManifestCode.CONFIG_SCHEMA_INVALID, field, FieldReader.render(required),
          "must be an array of property names", NEXT);
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      Object v = array.get(i);
      if (!(v instanceof String s) || !names.contains(s)) {
        table.issues().add(ManifestCode.CONFIG_SCHEMA_INVALID, field + "[" + i + "]", FieldReader.render(v),
            "must name a property declared under properties",
            "Declare the property under [plugin.config_schema.properties], or remove it from required.");
      }
    }
  }

  /** Deep copy of a TOML table as plain maps, lists, strings, numbers and booleans. */
  static Map<String, Object> toMap(TomlTable table) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : table.entrySet()) {
      out.put(e.getKey(), plain(e.getValue()));
    }
    return out;
  }

  private static Object plain(Object v) {
    if (v instanceof TomlTable t) {
      return java.util.Collections.unmodifiableMap(toMap(t));
    }
    if (v instanceof TomlArray a) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        list.add(plain(a.get(i)));
      }
      return List.copyOf(list);
    }
    return v instanceof java.time.temporal.TemporalAccessor ? v.toString() : v;
  }
}
