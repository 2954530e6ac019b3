package dev.plinth.testkit.signing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.HexFormat;
import org.apiguardian.api.API;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * An OpenPGP key (ECDSA P-256, one user id, self-certified) that writes detached, ASCII-armored
 * signatures as {@code gpg --armor --detach-sign} does for Maven publishing. BouncyCastle is used
 * through a private provider instance; nothing is registered globally. Immutable; thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PgpTestKey implements TestSigningKey {
  private static final Provider BC = new BouncyCastleProvider();

  private final PGPKeyPair pair;
  private final PGPPublicKeyRing publicRing;

  private PgpTestKey(PGPKeyPair pair, PGPPublicKeyRing publicRing) {
    this.pair = pair;
    this.publicRing = publicRing;
  }

  static PgpTestKey generate(String userId) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", BC);
      gen.initialize(new ECGenParameterSpec("P-256"));
      PGPKeyPair pair =
          new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.ECDSA,
              gen.generateKeyPair(), new Date());
      PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION,
          pair, userId,
          new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
          null, null, signerBuilder(), null);
      return new PgpTestKey(pair, rings.generatePublicKeyRing());
    } catch (GeneralSecurityException | PGPException e) {
      throw new TestkitException(TestkitErrorCode.TEST_KEY_FAILED,
          "pgp test key cannot be generated: " + e.getMessage(),
          "Check that bcpg-jdk18on and bcprov-jdk18on are on the test classpath.", e);
    }
  }

  private static JcaPGPContentSignerBuilder signerBuilder() {
    return new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.ECDSA, HashAlgorithmTags.SHA256)
        .setProvider(BC);
  }

  /** The 64-bit key id that signatures name as their issuer. */
  public long keyId() {
    return pair.getKeyID();
  }

  /** The v4 fingerprint as upper-case hex, as {@code gpg --fingerprint} shows it. */
  public String fingerprint() {
    return HexFormat.of().withUpperCase().formatHex(pair.getPublicKey().getFingerprint());
  }

  /** The public key ring, ASCII-armored ({@code -----BEGIN PGP PUBLIC KEY BLOCK-----}). */
  public String armoredPublicKey() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
      publicRing.encode(armor);
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.TEST_KEY_FAILED,
          "pgp public key cannot be armored: " + e.getMessage(), "Report this as a test kit bug.", e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** Writes {@link #armoredPublicKey()} to a file and returns it. */
  public Path writePublicKey(Path file) {
    try {
      return Files.writeString(file, armoredPublicKey(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.TEST_KEY_FAILED,
          "public key file cannot be written: " + file, "Check that the folder is writable.", e);
    }
  }

  /** A detached binary-document signature, ASCII-armored ({@code -----BEGIN PGP SIGNATURE-----}). */
  @Override
  public String signText(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PGPSignatureGenerator gen = new PGPSignatureGenerator(signerBuilder(), pair.getPublicKey());
      gen.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
      gen.update(data);
      try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
        gen.generate().encode(armor);
      }
    } catch (PGPException | IOException e) {
      throw new TestkitException(TestkitErrorCode.TEST_KEY_FAILED,
          "pgp signature cannot be made: " + e.getMessage(), "Report this as a test kit bug.", e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** Writes {@code <file>.asc}. */
  @Override
  public SignatureFiles signFile(Path file) {
    try {
      Path asc = file.resolveSibling(file.getFileName() + ".asc");
      Files.writeString(asc, signText(Files.readAllBytes(file)), StandardCharsets.US_ASCII);
      return new SignatureFiles(asc, null);
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.TEST_KEY_FAILED,
          "file cannot be signed: " + file, "Check that the file exists and its folder is writable.",
          e);
    }
  }
}
