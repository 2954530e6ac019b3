package dev.plinth.installer.download;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A published digest as fetched (the text of a {@code .sha256} or {@code .sha512} file, a
 * {@code #sha256=} fragment, a catalog field), checked only when {@link #verify} runs, so a
 * malformed digest fails in the verify phase with {@code DIGEST_INVALID}.
 *
 * @param algorithm the algorithm of the published digest
 * @param text the published text; its first whitespace-separated token is the digest
 * @param origin where it came from (a URL, {@code url fragment}, {@code catalog})
 */
@API(status = STABLE, since = "0.1")
public record ExpectedDigest(DigestAlgorithm algorithm, String text, String origin) {
  public ExpectedDigest {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(text, "text");
    requireNonNull(origin, "origin");
  }

  /**
   * The digest, lower-case.
   *
   * @throws InstallException {@code DIGEST_INVALID} unless the first token is exactly the right
   *     number of hex characters
   */
  public String hex() {
    String stripped = text.strip();
    String token = stripped.isEmpty() ? "" : stripped.split("\\s+", 2)[0];
    if (token.length() != algorithm.hexLength() || !token.chars().allMatch(ExpectedDigest::isHex)) {
      String shown = token.length() > 80 ? token.substring(0, 80) + "..." : token;
      throw new InstallException(InstallErrorCode.DIGEST_INVALID, Phase.VERIFY,
          "digest." + algorithm.label() + " must start with " + algorithm.hexLength()
              + " hex characters: '" + shown + "' (from " + origin + ")",
          "Ask the publisher to fix the digest file: its first token must be the hex "
              + algorithm.label() + " of the archive.",
          Map.of("algorithm", algorithm.label(), "value", shown, "origin", origin), null);
    }
    return token.toLowerCase(Locale.ROOT);
  }

  /**
   * Compares with what was downloaded.
   *
   * @throws InstallException {@code DIGEST_INVALID} or {@code DIGEST_MISMATCH} (naming both values)
   */
  public void verify(DownloadResult downloaded, String what) {
    String expected = hex();
    String actual = downloaded.digests().get(algorithm);
    if (actual == null) {
      throw new IllegalStateException(algorithm + " was not computed during the download");
    }
    if (!expected.equals(actual)) {
      throw new InstallException(InstallErrorCode.DIGEST_MISMATCH, Phase.VERIFY,
          "archive " + algorithm.label() + " must equal the published digest: expected " + expected
              + ", actual " + actual + " (" + what + ")",
          "Do not install this archive: it differs from what was published. Download it again; if it"
              + " still differs, report it to the publisher.",
          Map.of("algorithm", algorithm.label(), "expected", expected, "actual", actual,
              "origin", origin, "archive", what), null);
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
