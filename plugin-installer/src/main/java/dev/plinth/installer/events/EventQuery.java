package dev.plinth.installer.events;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A filter for reading events back: by plugin, by type, from a time on; at most {@code limit}
 * events, the newest ones, returned oldest first.
 *
 * <pre>{@code
 * sink.read(EventQuery.all().withPlugin("acme_redactor").withType("rolled_back").withLimit(20));
 * }</pre>
 *
 * @param pluginId only this plugin's events, or null for all
 * @param type only events of this type, or null for all
 * @param since only events at or after this time, or null for all
 * @param limit at most this many (the newest), at least 1
 */
@API(status = STABLE, since = "0.1")
public record EventQuery(@Nullable String pluginId, @Nullable String type, @Nullable Instant since, int limit) {
  /** The limit of {@link #all()}. */
  public static final int DEFAULT_LIMIT = 1000;

  public EventQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
  }

  /** Every event, up to {@link #DEFAULT_LIMIT}. */
  public static EventQuery all() {
    return new EventQuery(null, null, null, DEFAULT_LIMIT);
  }

  public EventQuery withPlugin(@Nullable String value) {
    return new EventQuery(value, type, since, limit);
  }

  public EventQuery withType(@Nullable String value) {
    return new EventQuery(pluginId, value, since, limit);
  }

  public EventQuery withSince(@Nullable Instant value) {
    return new EventQuery(pluginId, type, value, limit);
  }

  public EventQuery withLimit(int value) {
    return new EventQuery(pluginId, type, since, value);
  }

  /** Whether {@code e} passes the filters (the limit aside). */
  public boolean matches(PlinthEvent e) {
    return (pluginId == null || pluginId.equals(e.pluginId()))
        && (type == null || type.equals(e.type()))
        && (since == null || !e.time().isBefore(since));
  }
}
