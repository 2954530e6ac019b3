package dev.plinth.api.hook;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/** What a handler sees during one dispatch. */
@API(status = STABLE, since = "0.1")
public interface HookContext<T> {

  /** The point being dispatched. */
  HookPoint<T> point();

  /** The data as earlier handlers in the chain left it. */
  T data();

  /** The scope the host dispatched in (a run, a request, a tenant). */
  HookScope scope();

  /** The id of the plugin whose handler this is. */
  String pluginId();

  /** Time left before this handler's timeout; handlers doing long work should check it. */
  Duration remaining();
}
