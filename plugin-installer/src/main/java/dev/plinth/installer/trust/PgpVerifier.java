package dev.plinth.installer.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/** Verifies armored OpenPGP detached signatures ({@code .asc}) against pinned key rings. Stateless. */
final class PgpVerifier {
  private PgpVerifier() {}

  /** The result: {@code VERIFIED} with a fingerprint, {@code UNKNOWN_KEY} with a key id, or {@code BAD}. */
  record Result(Outcome outcome, String detail) {}

  enum Outcome {
    VERIFIED,
    UNKNOWN_KEY,
    BAD
  }

  static Result verify(List<PGPPublicKeyRingCollection> pinned, Path archive, byte[] asc) {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(asc))) {
      Object o = new JcaPGPObjectFactory(in).nextObject();
      if (o instanceof PGPCompressedData c) {
        o = new JcaPGPObjectFactory(c.getDataStream()).nextObject();
      }
      if (!(o instanceof PGPSignatureList list) || list.isEmpty()) {
        return new Result(Outcome.BAD, "no OpenPGP signature found in .asc");
      }
      String unknown = null;
      for (PGPSignature sig : list) {
        PGPPublicKey key = find(pinned, sig.getKeyID());
        if (key == null) {
          unknown = String.format(Locale.ROOT, "%016X", sig.getKeyID());
          continue;
        }
        sig.init(new JcaPGPContentVerifierBuilderProvider().setProvider(Bc.PROVIDER), key);
        try (InputStream data = Files.newInputStream(archive)) {
          byte[] buffer = new byte[64 * 1024];
          int n;
          while ((n = data.read(buffer)) > 0) {
            sig.update(buffer, 0, n);
          }
        }
        if (sig.verify()) {
          return new Result(Outcome.VERIFIED, HexFormat.of().withUpperCase().formatHex(key.getFingerprint()));
        }
        return new Result(Outcome.BAD, "signature by key " + String.format(Locale.ROOT, "%016X", sig.getKeyID()) + " does not match the archive");
      }
      return new Result(Outcome.UNKNOWN_KEY, unknown == null ? "?" : unknown);
    } catch (IOException | PGPException | RuntimeException e) {
      return new Result(Outcome.BAD, "unreadable OpenPGP signature: " + e.getMessage());
    }
  }

  private static PGPPublicKey find(List<PGPPublicKeyRingCollection> rings, long keyId) throws PGPException {
    for (PGPPublicKeyRingCollection c : rings) {
      PGPPublicKey k = c.getPublicKey(keyId);
      if (k != null) {
        return k;
      }
    }
    return null;
  }
}
