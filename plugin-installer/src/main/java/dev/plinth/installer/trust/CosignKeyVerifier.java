package dev.plinth.installer.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

/**
 * Verifies {@code cosign sign-blob --key} signatures: base64 (or raw) DER ECDSA over the archive
 * with the hash that follows the curve (P-256 SHA-256, P-384 SHA-384, P-521 SHA-512), pure Ed25519
 * (64 bytes), or RSA PKCS#1 v1.5 SHA-256. Stateless.
 */
final class CosignKeyVerifier {
  private CosignKeyVerifier() {}

  /** True when {@code signatureFile} is a valid signature of {@code archive} by {@code key}. */
  static boolean verify(PublicKey key, Path archive, byte[] signatureFile) {
    try {
      Signature s = Signature.getInstance(algorithm(key), Bc.PROVIDER);
      s.initVerify(key);
      try (InputStream in = Files.newInputStream(archive)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
          s.update(buffer, 0, n);
        }
      }
      return s.verify(decode(signatureFile));
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      return false;
    }
  }

  static String algorithm(PublicKey key) throws GeneralSecurityException {
    String alg = key.getAlgorithm();
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return switch (bits) {
        case 256 -> "SHA256withECDSA";
        case 384 -> "SHA384withECDSA";
        case 521 -> "SHA512withECDSA";
        default -> throw new GeneralSecurityException("unsupported curve size " + bits);
      };
    }
    if (alg.equals("Ed25519") || alg.equals("EdDSA")) {
      return "Ed25519";
    }
    if (alg.equals("RSA")) {
      return "SHA256withRSA";
    }
    throw new GeneralSecurityException("unsupported key algorithm " + alg);
  }

  /** cosign writes base64 by default, raw bytes with {@code --b64=false}. */
  private static byte[] decode(byte[] file) {
    String text = new String(file, StandardCharsets.US_ASCII).strip();
    if (text.matches("[A-Za-z0-9+/=\\s]+")) {
      try {
        return Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return file;
      }
    }
    return file;
  }
}
