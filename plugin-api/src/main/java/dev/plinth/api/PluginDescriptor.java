package dev.plinth.api;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a running plugin knows about itself, taken from its validated {@code plugin.toml}.
 *
 * @param id the plugin id ({@code ^[a-z][a-z0-9_]{1,47}$})
 * @param version the plugin's semantic version
 * @param name a display name (the id when the manifest gives none)
 * @param description a one-line description, possibly empty
 * @param authors authors as written in the manifest
 * @param hooks hook point names the plugin contributes
 * @param extensions extension interface names the plugin contributes
 * @param tools tool names the plugin contributes
 */
@API(status = STABLE, since = "0.1")
public record PluginDescriptor(
    String id,
    String version,
    String name,
    String description,
    List<String> authors,
    List<String> hooks,
    List<String> extensions,
    List<String> tools) {

  public PluginDescriptor {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    authors = List.copyOf(authors);
    hooks = List.copyOf(hooks);
    extensions = List.copyOf(extensions);
    tools = List.copyOf(tools);
  }

  /** A descriptor with only an id and a version, for builtin plugins and tests. */
  public static PluginDescriptor of(String id, String version) {
    return new PluginDescriptor(id, version, id, "", List.of(), List.of(), List.of(), List.of());
  }
}
