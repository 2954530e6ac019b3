package dev.plinth.installer.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedDigestTest {
  private static final String HEX = "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";

  @Test
  void hex_sha256sumFormat_firstTokenLowerCased() {
    ExpectedDigest d = new ExpectedDigest(DigestAlgorithm.SHA256, HEX.toUpperCase() + "  acme-1.0.0-noarch.tar.gz\n", "u");

    assertThat(d.hex()).isEqualTo(HEX);
  }

  @Test
  void hex_wrongLengthOrNonHexOrEmpty_digestInvalid() {
    for (String text : new String[] {HEX.substring(1), HEX.replace('a', 'g'), "", "sha256:" + HEX, HEX + "00"}) {
      InstallException e = DownloaderTest.fail(() -> new ExpectedDigest(DigestAlgorithm.SHA256, text, "https://x/a.sha256").hex());
      assertThat(e.code()).as(text).isEqualTo(InstallErrorCode.DIGEST_INVALID);
      assertThat(e.phase()).isEqualTo(Phase.VERIFY);
      assertThat(e.details()).containsEntry("origin", "https://x/a.sha256").containsEntry("algorithm", "sha256");
    }
  }

  @Test
  void hex_sha512NeedsExactly128() {
    String sha512 = "ab".repeat(64);
    assertThat(new ExpectedDigest(DigestAlgorithm.SHA512, sha512, "m").hex()).isEqualTo(sha512);
    assertThat(DownloaderTest.fail(() -> new ExpectedDigest(DigestAlgorithm.SHA512, HEX, "m").hex()).code())
        .isEqualTo(InstallErrorCode.DIGEST_INVALID);
  }

  @Test
  void verify_differentDigest_mismatchNamesExpectedAndActual() {
    String actual = "0".repeat(64);
    DownloadResult r = new DownloadResult(Path.of("a"), 1, Map.of(DigestAlgorithm.SHA256, actual));

    InstallException e = DownloaderTest.fail(() -> new ExpectedDigest(DigestAlgorithm.SHA256, HEX, "catalog").verify(r, "a.tar.gz"));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DIGEST_MISMATCH);
    assertThat(e.details()).containsEntry("expected", HEX).containsEntry("actual", actual);
    assertThat(e.getMessage()).contains("expected " + HEX).contains("actual " + actual);
  }
}
