package dev.plinth.api.hook;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Where a dispatch happens: an id that ties receipts and events together (a run id, a request id)
 * and free-form attributes the host chooses to share with handlers.
 */
@API(status = STABLE, since = "0.1")
public record HookScope(String id, Map<String, String> attributes) {
  /** A scope with no id and no attributes. */
  public static final HookScope NONE = new HookScope("", Map.of());

  public HookScope {
    requireNonNull(id, "id");
    attributes = Map.copyOf(attributes);
  }

  public static HookScope of(String id) {
    return new HookScope(id, Map.of());
  }

  public static HookScope of(String id, Map<String, String> attributes) {
    return new HookScope(id, attributes);
  }
}
