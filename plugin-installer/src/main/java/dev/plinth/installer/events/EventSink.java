package dev.plinth.installer.events;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Where events go. Implementations must be thread-safe and must not throw from {@link #emit}. */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface EventSink {
  /** Drops every event. */
  EventSink NONE = event -> {};

  void emit(PlinthEvent event);
}
