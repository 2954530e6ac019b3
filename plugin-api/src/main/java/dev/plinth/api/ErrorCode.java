package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A stable, machine-readable error code. Each module declares its codes as an enum implementing
 * this interface; the names are UPPER_SNAKE, never numbers, and never change meaning once
 * released. The full catalogue is documented in {@code docs/error-codes.md}.
 */
@API(status = STABLE, since = "0.1")
public interface ErrorCode {
  /** The stable name, for example {@code PERMISSION_DENIED}. */
  String code();
}
