package dev.plinth.installer.events;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Combinators for {@link EventSink}s. */
@API(status = STABLE, since = "0.1")
public final class EventSinks {
  private static final Logger LOG = LoggerFactory.getLogger(EventSinks.class);

  private EventSinks() {}

  /**
   * A sink that passes every event to each of {@code sinks} in order; one sink that throws does
   * not keep the event from the others. Thread-safe when they are.
   */
  public static EventSink of(EventSink... sinks) {
    List<EventSink> all = List.of(sinks);
    return event -> {
      for (EventSink s : all) {
        try {
          s.emit(event);
        } catch (RuntimeException e) {
          LOG.warn("event sink {} failed on {}: {}", s, event.type(), e.toString());
        }
      }
    };
  }
}
