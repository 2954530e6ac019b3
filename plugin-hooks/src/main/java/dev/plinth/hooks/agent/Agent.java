package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The agent a run belongs to. Immutable.
 *
 * @param id its id
 * @param handle the name it answers to (such as {@code @helper})
 * @param name display name
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Agent(String id, String handle, String name) {
  public Agent {
    requireNonNull(id, "id");
    requireNonNull(handle, "handle");
    requireNonNull(name, "name");
  }
}
