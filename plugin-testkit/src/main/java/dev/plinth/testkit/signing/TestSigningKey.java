package dev.plinth.testkit.signing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A key that can sign a file the way a publisher would, writing the signature files beside it.
 * Implementations are immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface TestSigningKey permits CosignTestKey, PgpTestKey {

  /**
   * Signs the bytes of {@code file} and writes the signature (and public key) beside it.
   *
   * @throws dev.plinth.testkit.TestkitException {@code TEST_KEY_FAILED} when it cannot
   */
  SignatureFiles signFile(Path file);

  /** Signs bytes; the signature in the form the signature file holds (base64 or ASCII armor). */
  String signText(byte[] data);
}
