package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Typed access to one TOML table that reports wrong types, missing keys and unknown keys instead of
 * throwing, so validation can go on and collect every issue. Keys are always looked up as single
 * path segments (a key containing a dot is not split). Not thread-safe; one per table per run.
 */
final class FieldReader {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private final TomlTable table;
  private final String path;
  private final Issues issues;

  FieldReader(TomlTable table, String path, Issues issues) {
    this.table = table;
    this.path = path;
    this.issues = issues;
  }

  String path() {
    return path;
  }

  Issues issues() {
    return issues;
  }

  /** The field path of a key of this table, quoting keys that are not bare TOML keys. */
  String field(String key) {
    String segment = BARE_KEY.matcher(key).matches() ? key : '"' + key + '"';
    return path.isEmpty() ? segment : path + "." + segment;
  }

  boolean has(String key) {
    return table.get(List.of(key)) != null;
  }

  TomlTable rawTable() {
    return table;
  }

  Set<String> keys() {
    return table.keySet();
  }

  @Nullable Object raw(String key) {
    return table.get(List.of(key));
  }

  /** A string value, or null when absent or of the wrong type (reported). */
  @Nullable String string(String key) {
    Object v = raw(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    typeError(field(key), v, "a string");
    return null;
  }

  /** A string that must be present and non-blank; reports missing, wrong type and empty. */
  @Nullable String requiredString(String key, String nextStep) {
    if (!has(key)) {
      issues.add(ManifestCode.MANIFEST_FIELD_MISSING, field(key), null, "is required", nextStep);
      return null;
    }
    String s = string(key);
    if (s != null && s.isBlank()) {
      issues.add(ManifestCode.MANIFEST_FIELD_EMPTY, field(key), s, "must not be empty", nextStep);
      return null;
    }
    return s;
  }

  /** An array of strings; wrong element types are reported by index and left out. */
  List<String> strings(String key) {
    return items(key).stream().map(Item::value).toList();
  }

  /** Like {@link #strings} but keeps each element's own field path ({@code key[i]}). */
  List<Item> items(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof TomlArray array)) {
      typeError(field(key), v, "an array of strings");
      return List.of();
    }
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object e = array.get(i);
      String elementField = field(key) + "[" + i + "]";
      if (e instanceof String s) {
        out.add(new Item(elementField, s));
      } else {
        typeError(elementField, e, "a string");
      }
    }
    return out;
  }

  /** Reports every item whose value already appeared earlier in the list. */
  void duplicates(List<Item> items, String nextStep) {
    Set<String> seen = new java.util.HashSet<>();
    for (Item item : items) {
      if (!seen.add(item.value())) {
        issues.add(ManifestCode.DUPLICATE_ENTRY, item.field(), item.value(), "repeats an earlier entry",
            nextStep);
      }
    }
  }

  /** One string element of an array, with its field path. */
  record Item(String field, String value) {}

  @Nullable Long integer(String key) {
    Object v = raw(key);
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    typeError(field(key), v, "an integer");
    return null;
  }

  @Nullable Boolean bool(String key) {
    Object v = raw(key);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    typeError(field(key), v, "a boolean (true or false)");
    return null;
  }

  /** The sub-table, or null when absent or not a table (reported). */
  @Nullable FieldReader table(String key) {
    Object v = raw(key);
    if (v == null) {
      return null;
    }
    if (v instanceof TomlTable t) {
      return new FieldReader(t, field(key), issues);
    }
    typeError(field(key), v, "a table");
    return null;
  }

  /** Reports every key not in {@code known} as a warning, with a typo hint when one is close. */
  void unknownKeys(Set<String> known) {
    for (String key : table.keySet()) {
      if (!known.contains(key)) {
        String hint = KeyHints.closest(key, known)
            .map(k -> "Did you mean `" + k + "`? Rename it, or remove the key.")
            .orElse("Remove the key; known keys here: " + String.join(", ", known.stream().sorted().toList()) + ".");
        issues.add(ManifestCode.MANIFEST_KEY_UNKNOWN, field(key), key, "is not a known key", hint);
      }
    }
  }

  void typeError(String field, Object value, String expected) {
    issues.add(ManifestCode.MANIFEST_FIELD_TYPE, field, render(value),
        "must be " + expected + " but is " + typeName(value),
        "Write " + field + " as " + expected + " (see docs/manifest.md).");
  }

  static String typeName(Object v) {
    if (v instanceof String) {
      return "a string";
    } else if (v instanceof Long) {
      return "an integer";
    } else if (v instanceof Double) {
      return "a float";
    } else if (v instanceof Boolean) {
      return "a boolean";
    } else if (v instanceof TomlArray) {
      return "an array";
    } else if (v instanceof TomlTable) {
      return "a table";
    }
    return "a date or time";
  }

  /** Compact TOML-like text of a value, for issue values. */
  static String render(Object v) {
    if (v instanceof TomlArray a) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        parts.add(quoted(a.get(i)));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof TomlTable t) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, Object> e : t.entrySet()) {
        parts.add(e.getKey() + " = " + quoted(e.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(v);
  }

  private static String quoted(Object v) {
    return v instanceof String s ? '"' + s + '"' : render(v);
  }
}
