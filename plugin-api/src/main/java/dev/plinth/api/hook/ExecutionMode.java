package dev.plinth.api.hook;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Where a handler runs. */
@API(status = STABLE, since = "0.1")
public enum ExecutionMode {
  /** On the dispatching thread: cheapest, but a stuck handler holds the caller. For trusted code. */
  INLINE,
  /** On an executor: the caller waits at most the handler's timeout. The default. */
  ISOLATED
}
