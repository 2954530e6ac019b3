package dev.plinth.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The map-backed {@link PluginConfig}: values are deep-copied into unmodifiable collections. */
final class MapPluginConfig implements PluginConfig {
  static final MapPluginConfig EMPTY = new MapPluginConfig(Map.of());

  private final Map<String, Object> values;

  MapPluginConfig(Map<String, ?> values) {
    this.values = copyMap(values);
  }

  @Override
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public Optional<String> getString(String key) {
    return typed(key, String.class, "a string");
  }

  @Override
  public Optional<Long> getLong(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return Optional.of(((Number) value).longValue());
    }
    throw invalid(key, "an integer", value);
  }

  @Override
  public Optional<Boolean> getBoolean(String key) {
    return typed(key, Boolean.class, "a boolean");
  }

  @Override
  public List<String> getStringList(String key) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object element : list) {
        if (!(element instanceof String s)) {
          throw invalid(key, "a list of strings", value);
        }
        out.add(s);
      }
      return List.copyOf(out);
    }
    throw invalid(key, "a list of strings", value);
  }

  private <T> Optional<T> typed(String key, Class<T> type, String what) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (type.isInstance(value)) {
      return Optional.of(type.cast(value));
    }
    throw invalid(key, what, value);
  }

  private static PlinthException invalid(String key, String what, Object value) {
    return new PlinthException(
        ApiErrorCode.CONFIG_INVALID,
        "config." + key + " must be " + what + ": " + value,
        "Set config." + key + " to " + what + " in the plugin's settings.",
        Map.of("field", "config." + key, "value", String.valueOf(value)),
        null);
  }

  private static Map<String, Object> copyMap(Map<String, ?> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, copyValue(v)));
    return Collections.unmodifiableMap(out);
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return copyMap((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object e : l) {
        out.add(copyValue(e));
      }
      return Collections.unmodifiableList(out);
    }
    return v;
  }

  @Override
  public String toString() {
    return "PluginConfig" + values;
  }
}
