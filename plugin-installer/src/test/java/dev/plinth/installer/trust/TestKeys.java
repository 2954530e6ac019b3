package dev.plinth.installer.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Real keys and signatures generated in tests: cosign-style ECDSA and Ed25519, and OpenPGP. */
public final class TestKeys {
  static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private TestKeys() {}

  public static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  public static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  public static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  public static String pem(KeyPair kp) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(kp.getPublic());
    }
    return w.toString();
  }

  /** What {@code cosign sign-blob --key} writes: base64 of the DER signature (raw 64 bytes for Ed25519). */
  public static byte[] cosignSign(KeyPair kp, byte[] data) throws Exception {
    String alg = switch (kp.getPrivate().getAlgorithm()) {
      case "EC" -> switch (((java.security.interfaces.ECKey) kp.getPrivate()).getParams().getCurve().getField().getFieldSize()) {
        case 384 -> "SHA384withECDSA";
        case 521 -> "SHA512withECDSA";
        default -> "SHA256withECDSA";
      };
      case "RSA" -> "SHA256withRSA";
      default -> "Ed25519";
    };
    Signature s = Signature.getInstance(alg);
    s.initSign(kp.getPrivate());
    s.update(data);
    return Base64.getEncoder().encode(s.sign());
  }

  /** An OpenPGP key (ECDSA P-256) with its armored public key ring. */
  public record Pgp(PGPKeyPair pair, String armoredPublic) {
    public byte[] sign(byte[] data) throws Exception {
      PGPSignatureGenerator g = new PGPSignatureGenerator(
          new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(BC));
      g.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
      g.update(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
        g.generate().encode(armored);
      }
      return out.toByteArray();
    }
  }

  public static Pgp pgp(String userId) throws Exception {
    PGPKeyPair pair = new JcaPGPKeyPair(PublicKeyAlgorithmTags.ECDSA, ec("secp256r1"), new Date());
    PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
    PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId, sha1, null, null,
        new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(BC), null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
      gen.generatePublicKeyRing().encode(armored);
    }
    return new Pgp(pair, out.toString(StandardCharsets.US_ASCII));
  }

  public static Path writeString(Path p, String s) throws IOException {
    Files.createDirectories(p.toAbsolutePath().getParent());
    return Files.writeString(p, s);
  }
}
