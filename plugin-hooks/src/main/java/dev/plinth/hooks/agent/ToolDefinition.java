package dev.plinth.hooks.agent;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A tool offered to the model. Immutable.
 *
 * @param name the tool name
 * @param description what it does, for the model
 * @param parameters its JSON Schema; shallow copy, values must be immutable and non-null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ToolDefinition(String name, String description, Map<String, Object> parameters) {
  public ToolDefinition {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    parameters = Map.copyOf(parameters);
  }
}
