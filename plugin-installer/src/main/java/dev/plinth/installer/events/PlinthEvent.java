package dev.plinth.installer.events;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One event: an install phase, a lifecycle transition, a permission denial, an auto-disable.
 *
 * @param type snake_case event type, e.g. {@code installed}, {@code rolled_back}, {@code permission_denied}
 * @param pluginId the plugin concerned (empty for store-wide events)
 * @param version the plugin version concerned (empty when none)
 * @param correlationId ties the events of one transaction or dispatch together
 * @param time when it happened
 * @param detail structured detail (phase, cause, code, ...), JSON-serialisable values only
 */
@API(status = STABLE, since = "0.1")
public record PlinthEvent(
    String type,
    String pluginId,
    String version,
    String correlationId,
    Instant time,
    Map<String, Object> detail) {
  public PlinthEvent {
    requireNonNull(type, "type");
    requireNonNull(pluginId, "pluginId");
    requireNonNull(version, "version");
    requireNonNull(correlationId, "correlationId");
    requireNonNull(time, "time");
    detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
  }

  public static PlinthEvent of(String type, String pluginId, String version, String correlationId, Map<String, ?> detail) {
    return new PlinthEvent(type, pluginId, version, correlationId, Instant.now(), Collections.unmodifiableMap(detail));
  }
}
