package dev.plinth.installer.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/** A loaded public key: a PEM key for cosign signatures, or a PGP key ring collection. */
record PinnedKey(Path file, @Nullable PublicKey publicKey, @Nullable PGPPublicKeyRingCollection pgp) {

  static PinnedKey parse(Path file, byte[] content) throws IOException {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
      try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(content))) {
        return new PinnedKey(file, null, new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator()));
      } catch (PGPException e) {
        throw new IOException("not an OpenPGP public key: " + e.getMessage(), e);
      }
    }
    return new PinnedKey(file, pem(text), null);
  }

  /** A PEM {@code PUBLIC KEY} (PKIX): ECDSA, Ed25519 or RSA. */
  static PublicKey pem(String text) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      Object o = parser.readObject();
      if (!(o instanceof SubjectPublicKeyInfo spki)) {
        throw new IOException("expected a PEM PUBLIC KEY, found " + (o == null ? "nothing" : o.getClass().getSimpleName()));
      }
      return new JcaPEMKeyConverter().setProvider(Bc.PROVIDER).getPublicKey(spki);
    }
  }

  /** {@code sha256:<hex>} of the key's PKIX encoding: the identity reported for cosign keys. */
  static String fingerprint(PublicKey key) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
