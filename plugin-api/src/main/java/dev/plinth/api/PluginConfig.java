package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A plugin's settings: a read-only tree of strings, numbers, booleans, lists and tables. Typed
 * getters return empty when a key is absent and throw {@link PlinthException} with code
 * {@link ApiErrorCode#CONFIG_INVALID} when it holds another type.
 */
@API(status = STABLE, since = "0.1")
public interface PluginConfig {

  /** The whole tree as unmodifiable maps and lists. */
  Map<String, Object> asMap();

  Optional<String> getString(String key);

  Optional<Long> getLong(String key);

  Optional<Boolean> getBoolean(String key);

  /** A list of strings, or an empty list when the key is absent. */
  List<String> getStringList(String key);

  /** An empty configuration. */
  static PluginConfig empty() {
    return MapPluginConfig.EMPTY;
  }

  /** A configuration over a map of values (copied). */
  static PluginConfig of(Map<String, ?> values) {
    return new MapPluginConfig(values);
  }
}
