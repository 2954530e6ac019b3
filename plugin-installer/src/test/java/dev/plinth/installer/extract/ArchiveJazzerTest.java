package dev.plinth.installer.extract;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plinth.api.fuzz.Mutator;

/**
 * Coverage-guided fuzz target (Jazzer) of the safe extractor, with the check of
 * {@link ArchiveFuzzTest}: a tar, tar.gz or zip seed (bundles and zip-slip fixtures), mutations of
 * it and bytes of the fuzzer's own spliced in; only extraction codes escape and nothing is written
 * outside staging. Without {@code JAZZER_FUZZ} this replays {@code ArchiveJazzerTestInputs/fuzz}.
 */
class ArchiveJazzerTest {
  @FuzzTest
  void fuzz(FuzzedDataProvider data) throws Exception {
    ArchiveFuzzTest.Seed s = data.pickValue(ArchiveFuzzTest.SEEDS);
    byte[] archive = Mutator.splice(s.bytes(), data.consumeLong(), data.consumeInt(0, 4), data.consumeInt(),
        data.consumeInt(0, 512), data.consumeRemainingAsBytes());
    ArchiveFuzzTest.checkExtract(s, archive, "Jazzer input");
  }
}
