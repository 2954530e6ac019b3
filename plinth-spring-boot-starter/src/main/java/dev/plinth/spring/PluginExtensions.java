package dev.plinth.spring;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.runtime.PluginSystem;
import dev.plinth.runtime.discovery.Extension;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A live view of the providers of one extension interface, registered as a bean for each entry of
 * {@code plinth.extension-beans}: each call reflects the plugins started at that moment, so a bean
 * holding it sees installs, upgrades and uninstalls. Thread-safe.
 *
 * <pre>{@code
 * @Autowired PluginExtensions<ToolProvider> tools;
 * tools.instances().forEach(t -> ...);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PluginExtensions<X> {
  private final Class<X> type;
  private final PluginSystem system;

  private PluginExtensions(Class<X> type, PluginSystem system) {
    this.type = requireNonNull(type, "type");
    this.system = requireNonNull(system, "system");
  }

  /** The view of {@code type}'s providers in {@code system}. */
  public static <X> PluginExtensions<X> of(Class<X> type, PluginSystem system) {
    return new PluginExtensions<>(type, system);
  }

  public Class<X> type() {
    return type;
  }

  /** The providers of every started plugin declaring the interface, each with its plugin id. */
  public List<Extension<X>> list() {
    return system.extensions(type);
  }

  /** The provider instances alone. */
  public List<X> instances() {
    return list().stream().map(Extension::instance).toList();
  }
}
