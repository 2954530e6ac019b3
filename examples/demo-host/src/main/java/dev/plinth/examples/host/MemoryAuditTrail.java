package dev.plinth.examples.host;

import dev.plinth.examples.host.spi.AuditTrail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The demo host's {@link AuditTrail}: kept in memory. Thread-safe. */
final class MemoryAuditTrail implements AuditTrail {
  private final List<String> entries = new CopyOnWriteArrayList<>();

  @Override
  public void record(String pluginId, String message) {
    entries.add(pluginId + ": " + message);
  }

  List<String> entries() {
    return List.copyOf(entries);
  }
}
