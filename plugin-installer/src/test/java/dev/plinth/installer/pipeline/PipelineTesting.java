package dev.plinth.installer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.download.HttpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers of the pipeline tests. */
final class PipelineTesting {
  static final ProgressListener NONE = ProgressListener.NONE;

  private PipelineTesting() {}

  static HttpSettings fastHttp() {
    return HttpSettings.builder().maxRetries(2).backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static InstallException fail(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    InstallException e = catchThrowableOfType(InstallException.class, call);
    assertThat(e).as("expected an InstallException").isNotNull();
    return e;
  }

  /** The staging folder holds nothing (or was never created). */
  static void assertEmpty(Path staging) throws Exception {
    if (Files.exists(staging)) {
      try (Stream<Path> s = Files.list(staging)) {
        assertThat(s).as("staging content").isEmpty();
      }
    }
  }

  static final class Recorder implements ProgressListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void phaseStarted(Phase phase, String detail) {
      events.add("start " + phase.jsonName());
    }

    @Override
    public void phaseFinished(Phase phase, String detail) {
      events.add("end " + phase.jsonName());
    }
  }
}
