package dev.plinth.examples.host.spi;

/**
 * A host service through which plugins leave notes for operators (a blocked tool call, a policy
 * decision). Plugins find it with {@code context.service(AuditTrail.class)}; the demo host prints
 * what was recorded. Implementations must be thread-safe.
 */
public interface AuditTrail {
  /**
   * Records one note.
   *
   * @param pluginId the plugin writing it
   * @param message what happened, one line
   */
  void record(String pluginId, String message);
}
