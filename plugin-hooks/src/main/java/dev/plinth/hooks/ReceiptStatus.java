package dev.plinth.hooks;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** How one handler call ended. */
@API(status = STABLE, since = "0.1")
public enum ReceiptStatus {
  /** It returned; its allowed changes (if any) were applied. A refused block is also OK. */
  OK,
  /** It blocked a blockable point; the chain stopped. */
  BLOCKED,
  /** It ran past its timeout; its result, if it ever comes, is discarded. */
  TIMEOUT,
  /** It threw, returned null, or its proposed data could not be merged. */
  ERROR,
  /** It was not started: chain budget too short, bulkhead full, or executor saturated. */
  SKIPPED;

  /** Whether a crash guard should count this against the plugin. */
  public boolean isFailure() {
    return this == TIMEOUT || this == ERROR;
  }
}
