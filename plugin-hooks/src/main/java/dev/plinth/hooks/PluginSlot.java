package dev.plinth.hooks;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-plugin state shared by all of a plugin's registrations: the count of abandoned isolated
 * calls that are still running (the bulkhead). Thread-safe.
 */
final class PluginSlot {
  final String pluginId;
  private final AtomicInteger abandoned = new AtomicInteger();

  PluginSlot(String pluginId) {
    this.pluginId = pluginId;
  }

  int abandoned() {
    return abandoned.get();
  }

  void acquire() {
    abandoned.incrementAndGet();
  }

  void release() {
    abandoned.decrementAndGet();
  }
}
