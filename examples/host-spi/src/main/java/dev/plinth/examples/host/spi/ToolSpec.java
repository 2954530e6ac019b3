package dev.plinth.examples.host.spi;

import static java.util.Objects.requireNonNull;

/**
 * A tool's name and what it does, as shown to the model. Immutable.
 *
 * @param name the tool's name, unique within the host
 * @param description one line for the model
 */
public record ToolSpec(String name, String description) {
  public ToolSpec {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
  }
}
