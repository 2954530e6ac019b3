package dev.plinth.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.ErrorCode;
import org.apiguardian.api.API;

/** Why a test kit call failed. The names are stable; see {@code docs/error-codes.md}. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum TestkitErrorCode implements ErrorCode {
  /** Java sources given to a bundle or jar builder do not compile. */
  SOURCE_COMPILE_FAILED,
  /** A builder setting was given twice, or is invalid, or settings contradict each other. */
  BUILDER_SETTING_INVALID,
  /** A bundle, jar or archive could not be written. */
  BUNDLE_WRITE_FAILED,
  /** A test key could not be generated, exported or used to sign. */
  TEST_KEY_FAILED,
  /** A release, artifact or catalog could not be published on the release server. */
  PUBLISH_INVALID,
  /** A {@code @PlinthTest} host could not be set up, or a parameter cannot be injected. */
  TEST_HOST_SETUP_FAILED,
  /** A {@code @PlinthTest} left something behind: files outside its temp home, or plugin threads. */
  TEST_HOST_LEAKED,
  /** A golden scenario or matrix is configured wrongly (missing bundles, different plugin ids). */
  GOLDEN_SETUP_INVALID,
  /** A golden scenario ran and at least one of its steps failed; the message lists them. */
  GOLDEN_SCENARIO_FAILED,
  /** A golden report could not be written. */
  REPORT_WRITE_FAILED;

  @Override
  public String code() {
    return name();
  }
}
