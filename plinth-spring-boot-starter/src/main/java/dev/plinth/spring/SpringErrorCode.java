package dev.plinth.spring;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/** Errors of the Spring Boot integration. Documented in {@code docs/error-codes.md}. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SpringErrorCode implements ErrorCode {
  /** A required {@code plinth.*} property is missing or blank. */
  PROPERTY_MISSING,
  /** A {@code plinth.*} property names a class that cannot be loaded or is of the wrong kind. */
  PROPERTY_CLASS_INVALID;

  @Override
  public String code() {
    return name();
  }
}
