package dev.plinth.runtime.context;

import dev.plinth.api.PermissionDeniedException;
import dev.plinth.installer.events.EventSink;
import dev.plinth.runtime.events.RuntimeEvents;
import java.util.Map;

/** Turns a refused use into a {@link PermissionDeniedException} and a {@code permission_denied} event. */
final class Denials {
  private final String pluginId;
  private final String version;
  private final String correlationId;
  private final EventSink events;

  Denials(String pluginId, String version, String correlationId, EventSink events) {
    this.pluginId = pluginId;
    this.version = version;
    this.correlationId = correlationId;
    this.events = events;
  }

  String pluginId() {
    return pluginId;
  }

  PermissionDeniedException deny(String permission, String value) {
    RuntimeEvents.emit(events, RuntimeEvents.PERMISSION_DENIED, pluginId, version, correlationId,
        Map.of("permission", permission, "value", value));
    return new PermissionDeniedException(pluginId, permission, value);
  }
}
