package dev.plinth.installer.trust;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plinth.api.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzz target (Jazzer) of the trust side, with the checks of {@link TrustFuzzTest}:
 * {@code trust.toml}, pinned key files (PEM, OpenPGP) and signatures (cosign, OpenPGP, published
 * keys, Sigstore bundles). The fuzzer picks which, a seed, mutations of it and bytes of its own to
 * splice in. Without {@code JAZZER_FUZZ} this replays {@code TrustJazzerTestInputs/fuzz}.
 */
class TrustJazzerTest {
  private static final AtomicLong RUNS = new AtomicLong();

  @AfterAll
  static void cleanUp() throws Exception {
    TrustFuzzTest.cleanUp();
  }

  private static byte[] variant(FuzzedDataProvider data, byte[] seed, int maxInsert) {
    return Mutator.splice(seed, data.consumeLong(), data.consumeInt(0, 6), data.consumeInt(), data.consumeInt(0, 256),
        data.consumeBytes(maxInsert));
  }

  @FuzzTest
  void fuzz(FuzzedDataProvider data) throws Exception {
    switch (data.consumeInt(0, 2)) {
      case 0 -> TrustFuzzTest.checkTrustToml(new String(
          variant(data, data.pickValue(TrustFuzzTest.POLICIES).getBytes(StandardCharsets.UTF_8), 4096), StandardCharsets.UTF_8));
      case 1 -> {
        String key = data.consumeBoolean() ? TrustFuzzTest.PGP_PUBLIC : TrustFuzzTest.PEM;
        TrustFuzzTest.checkPinnedKey(variant(data, key.getBytes(StandardCharsets.US_ASCII), 4096), "j" + RUNS.incrementAndGet());
      }
      default -> {
        List<FetchedSignature> sigs = new ArrayList<>();
        for (int i = data.consumeInt(1, 3); i > 0; i--) {
          TrustFuzzTest.SigSeed s = data.pickValue(TrustFuzzTest.SIGNATURES);
          sigs.add(new FetchedSignature(s.kind(), variant(data, s.bytes(), 2048), s.origin()));
        }
        TrustFuzzTest.checkSignatures(sigs);
      }
    }
  }
}
