package dev.plinth.manifest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plinth.api.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzz target (Jazzer) of the manifest parser + validator + preflight and of the
 * host.toml reader, with the checks of {@link ManifestFuzzTest}. The fuzzer picks a seed from the
 * test resources, mutations of it and bytes of its own to splice in. Without {@code JAZZER_FUZZ}
 * this replays the inputs under {@code ManifestJazzerTestInputs/fuzz} (findings kept as regressions);
 * the build's {@code jazzer-*} surefire executions fuzz it for a fixed time.
 */
class ManifestJazzerTest {
  @FuzzTest
  void fuzz(FuzzedDataProvider data) {
    boolean host = data.consumeBoolean();
    List<String> seeds = host ? ManifestFuzzTest.HOSTS : ManifestFuzzTest.MANIFESTS;
    byte[] seed = data.pickValue(seeds).getBytes(StandardCharsets.UTF_8);
    String text = new String(Mutator.splice(seed, data.consumeLong(), data.consumeInt(0, 6), data.consumeInt(),
        data.consumeInt(0, 256), data.consumeRemainingAsBytes()), StandardCharsets.UTF_8);
    if (host) {
      ManifestFuzzTest.checkHostProfile(text);
    } else {
      ManifestFuzzTest.checkManifest(text);
    }
  }
}
