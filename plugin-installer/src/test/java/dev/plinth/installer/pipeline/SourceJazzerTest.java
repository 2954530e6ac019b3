package dev.plinth.installer.pipeline;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plinth.api.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzz target (Jazzer) of the source readers, with the checks of
 * {@link SourceFuzzTest}: the loopback server answers a GitHub release query or a Maven repository
 * with one answer (release JSON, {@code plugin.toml}, {@code .sha256}) varied by the fuzzer.
 * Without {@code JAZZER_FUZZ} this replays {@code SourceJazzerTestInputs/fuzz}.
 */
class SourceJazzerTest {
  /**
   * Jazzer's request-forgery detector refuses every connection by default. A release's JSON may send
   * the download to any host (GitHub serves assets from other hosts), and the fuzzer rewrites those
   * URLs (it found {@code 127.0.0.16:80}), so every connection is allowed here; the pipeline's
   * 2 s timeouts and no retries bound the cost. Set on every run: the detector exists only while the
   * fuzzer runs (not in {@code @BeforeAll}) and is reset between the replay of the inputs and fuzzing.
   */
  private static void allowConnections() {
    BugDetectors.allowNetworkConnections();
  }

  @AfterAll
  static void stop() {
    SourceFuzzTest.stop();
  }

  private static byte[] variant(FuzzedDataProvider data, String seed) {
    return Mutator.splice(SourceFuzzTest.utf8(seed), data.consumeLong(), data.consumeInt(0, 6), data.consumeInt(),
        data.consumeInt(0, 256), data.consumeRemainingAsBytes());
  }

  @FuzzTest
  void fuzz(FuzzedDataProvider data) {
    allowConnections();
    byte[] release = SourceFuzzTest.utf8(SourceFuzzTest.RELEASE);
    byte[] manifest = SourceFuzzTest.utf8(SourceFuzzTest.MANIFEST);
    byte[] sha = SourceFuzzTest.utf8(SourceFuzzTest.SHA);
    int target = data.consumeInt(0, 4);
    switch (target) {
      case 0 -> release = variant(data, SourceFuzzTest.RELEASE);
      case 1, 3 -> manifest = variant(data, SourceFuzzTest.MANIFEST);
      default -> sha = variant(data, SourceFuzzTest.SHA);
    }
    String input = new String(target == 0 ? release : target == 1 || target == 3 ? manifest : sha, StandardCharsets.UTF_8);
    if (target < 3) {
      SourceFuzzTest.checkGithub(release, manifest, sha, input);
    } else {
      SourceFuzzTest.checkMaven(sha, manifest, input);
    }
  }
}
