package dev.plinth.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthException;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The one error family of the test kit. Like every Plinth error it carries a stable
 * {@link TestkitErrorCode}, a message of the form {@code <field> <rule>: <value>} and a
 * {@link #nextStep()}; a test that misuses the kit learns what to change.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TestkitException extends PlinthException {
  private static final long serialVersionUID = 1L;

  public TestkitException(TestkitErrorCode code, String message, String nextStep) {
    super(code, message, nextStep);
  }

  public TestkitException(
      TestkitErrorCode code, String message, String nextStep, @Nullable Throwable cause) {
    super(code, message, nextStep, Map.of(), cause);
  }

  @Override
  public TestkitErrorCode code() {
    return (TestkitErrorCode) super.code();
  }
}
