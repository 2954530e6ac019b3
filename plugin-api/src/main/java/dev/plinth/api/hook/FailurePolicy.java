package dev.plinth.api.hook;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What a dispatch does after a handler times out or fails. */
@API(status = STABLE, since = "0.1")
public enum FailurePolicy {
  /** Continue the chain with the data as it was before the failing handler. */
  OPEN,
  /** Stop the chain, and block where the point may be blocked. */
  CLOSED;

  /** The lower-case name used in manifests: {@code open} or {@code closed}. */
  public String manifestName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
