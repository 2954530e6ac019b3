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
    check(table, ManifestCode.CONFIG_SCHEMA_INVALID, NEXT);
    return toMap(table.rawTable());
  }

  /**
   * Checks that a table is an object schema: {@code type = "object"} at the root, properties as
   * tables with known types, enums that offer a choice, defaults of the declared type, and
   * {@code required} naming declared properties. Every problem is reported with {@code code}.
   */
  static void check(FieldReader table, ManifestCode code, String next) {
    Issues issues = table.issues();
    Object type = table.raw("type");
    if (type == null) {
      issues.add(code, table.field("type"), null, "is required (must be \"object\")", next);
    } else if (!"object".equals(type)) {
      issues.add(code, table.field("type"), FieldReader.render(type), "must be \"object\"", next);
    }
    Set<String> names = Set.of();
    Object properties = table.raw("properties");
    if (properties != null && !(properties instanceof TomlTable)) {
      issues.add(code, table.field("properties"), FieldReader.render(properties),
          "must be a table of property schemas", next);
    } else if (properties instanceof TomlTable props) {
      names = props.keySet();
      FieldReader reader = new FieldReader(props, table.field("properties"), issues);
      for (String name : props.keySet()) {
        checkProperty(reader, name, code);
      }
    }
    Object required = table.raw("required");
    if (required != null) {
      checkRequired(table, required, names, code);
    }
  }

  private static void checkProperty(FieldReader props, String name, ManifestCode code) {
    Object property = props.raw(name);
    String field = props.field(name);
    if (!(property instanceof TomlTable p)) {
      props.issues().add(code, field, FieldReader.render(property),
          "must be a table (a property schema)", "Write [" + field + "] with a type.");
      return;
    }
    Object type = p.get(List.of("type"));
    boolean knownType = type instanceof String s && TYPES.contains(s);
    if (type != null && !knownType) {
      props.issues().add(code, field + ".type", FieldReader.render(type),
          "must be one of " + String.join(", ", TYPES.stream().sorted().toList()),
          "Use a JSON Schema type name, e.g. type = \"string\".");
    }
    Object choices = p.get(List.of("enum"));
    if (choices != null && !(choices instanceof TomlArray a && !a.isEmpty())) {
      props.issues().add(code, field + ".enum", FieldReader.render(choices),
          "must be a non-empty array of allowed values",
          "List the allowed values, e.g. enum = [\"fast\", \"safe\"], or remove enum.");
    }
    Object initial = p.get(List.of("default"));
    if (initial != null && knownType && !fits((String) type, initial)) {
      props.issues().add(code, field + ".default", FieldReader.render(initial),
          "must be of the property's type `" + type + "`",
          "Give a default of type " + type + ", or remove default.");
    }
  }

  /** Whether a TOML value is an instance of a JSON Schema type (an integer is also a number). */
  private static boolean fits(String type, Object value) {
    return switch (type) {
      case "string" -> value instanceof String;
      case "integer" -> value instanceof Long;
      case "number" -> value instanceof Long || value instanceof Double;
      case "boolean" -> value instanceof Boolean;
      case "array" -> value instanceof TomlArray;
      case "object" -> value instanceof TomlTable;
      default -> false;
    };
  }

  private static void checkRequired(FieldReader table, Object required, Set<String> names, ManifestCode code) {
    String field = table.field("required");
    if (!(required instanceof TomlArray array)) {
      table.issues().add(code, field, FieldReader.render(required),
          "must be an array of property names", "Write required = [\"name\", ...] with declared property names.");
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      Object v = array.get(i);
      if (!(v instanceof String s) || !names.contains(s)) {
        table.issues().add(code, field + "[" + i + "]", FieldReader.render(v),
            "must name a property declared under properties",
            "Declare the property under " + table.field("properties") + ", or remove it from required.");
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
