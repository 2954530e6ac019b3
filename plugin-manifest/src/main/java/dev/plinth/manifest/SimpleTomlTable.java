package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/** A table {@link SimpleToml} read: keys in the order they appear, as tomlj keeps them. */
final class SimpleTomlTable implements TomlParseResult {
  final boolean inline;
  final Map<String, Object> values = new LinkedHashMap<>();
  final Map<String, TomlPosition> positions = new HashMap<>();

  SimpleTomlTable(boolean inline) {
    this.inline = inline;
  }

  void put(String key, Object value, TomlPosition at) {
    values.put(key, value);
    positions.put(key, at);
  }

  @Override
  public List<TomlParseError> errors() {
    return List.of();
  }

  @Override
  public int size() {
    return values.size();
  }

  @Override
  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public Set<String> keySet() {
    return Collections.unmodifiableSet(values.keySet());
  }

  @Override
  public Set<List<String>> keyPathSet(boolean includeTables) {
    Set<List<String>> out = new LinkedHashSet<>();
    entryPathSet(includeTables).forEach(e -> out.add(e.getKey()));
    return out;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return Collections.unmodifiableMap(values).entrySet();
  }

  @Override
  public Set<Map.Entry<List<String>, Object>> entryPathSet(boolean includeTables) {
    Set<Map.Entry<List<String>, Object>> out = new LinkedHashSet<>();
    values.forEach((k, v) -> {
      if (v instanceof SimpleTomlTable t) {
        if (includeTables) {
          out.add(Map.entry(List.of(k), v));
        }
        for (Map.Entry<List<String>, Object> e : t.entryPathSet(includeTables)) {
          List<String> path = new ArrayList<>();
          path.add(k);
          path.addAll(e.getKey());
          out.add(Map.entry(List.copyOf(path), e.getValue()));
        }
      } else {
        out.add(Map.entry(List.of(k), v));
      }
    });
    return out;
  }

  @Override
  public @Nullable Object get(List<String> path) {
    Object v = this;
    for (String key : path) {
      if (!(v instanceof SimpleTomlTable t)) {
        return null;
      }
      v = t.values.get(key);
    }
    return v;
  }

  @Override
  public @Nullable TomlPosition inputPositionOf(List<String> path) {
    if (path.isEmpty()) {
      return TomlPosition.positionAt(1, 1);
    }
    Object parent = get(path.subList(0, path.size() - 1));
    return parent instanceof SimpleTomlTable t ? t.positions.get(path.get(path.size() - 1)) : null;
  }

  @Override
  public Map<String, Object> toMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
