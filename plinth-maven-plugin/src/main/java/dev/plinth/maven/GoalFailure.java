package dev.plinth.maven;

import dev.plinth.api.ErrorCode;
import dev.plinth.api.PlinthException;
import org.apache.maven.plugin.MojoFailureException;

/** Turns a coded error into the failure Maven prints: code, message and next step on their own lines. */
final class GoalFailure {
  private GoalFailure() {}

  static MojoFailureException of(ErrorCode code, String message, String nextStep) {
    return new MojoFailureException("[" + code.code() + "] " + message + "\n  next step: " + nextStep);
  }

  static MojoFailureException of(PlinthException e) {
    MojoFailureException failure = of(e.code(), e.getMessage(), e.nextStep());
    failure.initCause(e);
    return failure;
  }
}
