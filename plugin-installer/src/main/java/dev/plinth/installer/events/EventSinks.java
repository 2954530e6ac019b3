package dev.plinth.installer.events;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
   * not keep the event from the others. Its {@link EventSink#batch() batch} opens a batch on each of
   * them and closes them all, last first. Thread-safe when they are.
   */
  public static EventSink of(EventSink... sinks) {
    return new Tee(List.of(sinks));
  }

  /** Opens a batch on each of {@code sinks}; one that fails to open or close costs only its own. */
  private static EventSink.Batch batchAll(Iterable<EventSink> sinks) {
    List<EventSink.Batch> opened = new ArrayList<>();
    for (EventSink s : sinks) {
      try {
        opened.add(s.batch());
      } catch (RuntimeException e) {
        LOG.warn("event sink {} failed to open a batch: {}", s, e.toString());
      }
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (RuntimeException e) {
          LOG.warn("event sink batch {} failed to close: {}", opened.get(i), e.toString());
        }
      }
    };
  }

  private static final class Tee implements EventSink {
    private final List<EventSink> all;

    Tee(List<EventSink> all) {
      this.all = all;
    }

    @Override
    public void emit(PlinthEvent event) {
      for (EventSink s : all) {
        try {
          s.emit(event);
        } catch (RuntimeException e) {
          LOG.warn("event sink {} failed on {}: {}", s, event.type(), e.toString());
        }
      }
    }

    @Override
    public Batch batch() {
      return batchAll(all);
    }

    @Override
    public String toString() {
      return "EventSinks.of" + all;
    }
  }
}
