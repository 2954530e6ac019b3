package dev.plinth.testkit.signing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.apiguardian.api.API;

/**
 * A key pair that signs blobs as {@code cosign sign-blob --key} does: the signature file holds the
 * base64 of a DER ECDSA (SHA256withECDSA) or a raw Ed25519 signature over the file's bytes, and the
 * public key is a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo). Immutable; thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CosignTestKey implements TestSigningKey {
  private final KeyPair pair;
  private final String signatureAlgorithm;

  private CosignTestKey(KeyPair pair, String signatureAlgorithm) {
    this.pair = pair;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  static CosignTestKey generateEcdsaP256() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return new CosignTestKey(gen.generateKeyPair(), "SHA256withECDSA");
    } catch (GeneralSecurityException e) {
      throw failed("ECDSA P-256", e);
    }
  }

  static CosignTestKey generateEd25519() {
    try {
      return new CosignTestKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "Ed25519");
    } catch (GeneralSecurityException e) {
      throw failed("Ed25519", e);
    }
  }

  /** The public half, for verifying in a test. */
  public PublicKey publicKey() {
    return pair.getPublic();
  }

  /** The JCA signature algorithm: {@code SHA256withECDSA} or {@code Ed25519}. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The public key as PEM {@code -----BEGIN PUBLIC KEY-----}, as {@code cosign.pub}. */
  public String toPem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(pair.getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** Writes {@link #toPem()} to a file and returns it. */
  public Path writePem(Path file) {
    try {
      return Files.writeString(file, toPem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.TEST_KEY_FAILED,
          "public key file cannot be written: " + file, "Check that the folder is writable.", e);
    }
  }

  /** The raw signature: DER for ECDSA, 64 bytes for Ed25519. */
  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance(signatureAlgorithm);
      s.initSign(pair.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw failed(signatureAlgorithm, e);
    }
  }

  /** The base64 (standard, padded) of {@link #sign(byte[])}: a {@code .sig} file's content. */
  @Override
  public String signText(byte[] data) {
    return Base64.getEncoder().encodeToString(sign(data));
  }

  /** Writes {@code <file>.sig} and {@code <file>.pub}. */
  @Override
  public SignatureFiles signFile(Path file) {
    try {
      Path sig = file.resolveSibling(file.getFileName() + ".sig");
      Files.writeString(sig, signText(Files.readAllBytes(file)), StandardCharsets.US_ASCII);
      Path pub = writePem(file.resolveSibling(file.getFileName() + ".pub"));
      return new SignatureFiles(sig, pub);
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.TEST_KEY_FAILED,
          "file cannot be signed: " + file, "Check that the file exists and its folder is writable.",
          e);
    }
  }

  private static TestkitException failed(String algorithm, GeneralSecurityException e) {
    return new TestkitException(TestkitErrorCode.TEST_KEY_FAILED,
        "test key algorithm unavailable: " + algorithm,
        "Run the tests on a JDK 17+ with the SunEC provider.", e);
  }
}
