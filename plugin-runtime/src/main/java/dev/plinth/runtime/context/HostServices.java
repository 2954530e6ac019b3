package dev.plinth.runtime.context;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The services a host offers plugins through {@code PluginContext.service(Class)}, keyed by type.
 * A service may be restricted to named plugins; others get a permission denial.
 *
 * <pre>{@code
 * HostServices services = HostServices.builder()
 *     .add(ToolRegistry.class, tools)
 *     .addRestricted(AdminApi.class, admin, Set.of("acme_ops"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe (the service instances themselves must be thread-safe).
 */
@API(status = STABLE, since = "0.1")
public final class HostServices {
  /** Offers nothing. */
  public static final HostServices NONE = builder().build();

  private record Entry(Object instance, @Nullable Set<String> allowed) {}

  private final Map<Class<?>, Entry> services;

  private HostServices(Map<Class<?>, Entry> services) {
    this.services = Map.copyOf(services);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Looks a service up for a plugin. */
  Lookup lookup(String pluginId, Class<?> type) {
    Entry e = services.get(type);
    if (e == null) {
      return Lookup.ABSENT;
    }
    if (e.allowed() != null && !e.allowed().contains(pluginId)) {
      return Lookup.DENIED;
    }
    return Lookup.FOUND;
  }

  <S> Optional<S> get(Class<S> type) {
    Entry e = services.get(type);
    return e == null ? Optional.empty() : Optional.of(type.cast(e.instance()));
  }

  enum Lookup {
    FOUND,
    ABSENT,
    DENIED
  }

  /** Builds {@link HostServices}; a type may be added once. Not thread-safe. */
  public static final class Builder {
    private final Map<Class<?>, Entry> services = new LinkedHashMap<>();

    private Builder() {}

    /** Offers {@code instance} to every plugin. */
    public <S> Builder add(Class<S> type, S instance) {
      return put(type, instance, null);
    }

    /** Offers {@code instance} only to the named plugins. */
    public <S> Builder addRestricted(Class<S> type, S instance, Set<String> pluginIds) {
      return put(type, instance, Set.copyOf(pluginIds));
    }

    private Builder put(Class<?> type, Object instance, @Nullable Set<String> allowed) {
      requireNonNull(type, "type");
      requireNonNull(instance, "instance");
      if (!type.isInstance(instance)) {
        throw new IllegalArgumentException("service must implement " + type.getName() + ": " + instance);
      }
      Entry old = services.putIfAbsent(type, new Entry(instance, allowed));
      if (old != null) {
        throw new IllegalStateException("service was already added for " + type.getName() + ": " + old.instance());
      }
      return this;
    }

    public HostServices build() {
      return new HostServices(services);
    }
  }
}
