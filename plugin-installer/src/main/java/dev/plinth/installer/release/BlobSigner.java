package dev.plinth.installer.release;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.apiguardian.api.API;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Signs a file the way {@code cosign sign-blob --key} does: the signature file holds the base64 of
 * a DER ECDSA signature (SHA-256 for P-256, SHA-384 for P-384) or of a raw Ed25519 signature over
 * the file's bytes. The matching public key is written as PEM so a trust policy can pin it.
 * Stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BlobSigner {
  /**
   * A signature over one file.
   *
   * @param algorithm the JCA algorithm ({@code SHA256withECDSA}, {@code SHA384withECDSA}, {@code Ed25519})
   * @param signatureBase64 the signature, base64 as cosign writes it
   * @param publicKeyPem the signer's public key as PEM
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Signed(String algorithm, String signatureBase64, String publicKeyPem) {}

  /**
   * The files {@link #signBeside} wrote.
   *
   * @param signed the signature
   * @param signatureFile {@code <file>.sig}
   * @param publicKeyFile {@code <file>.pub}
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record SignatureFiles(Signed signed, Path signatureFile, Path publicKeyFile) {}

  private BlobSigner() {}

  /**
   * Signs {@code file} and writes {@code <file>.sig} (base64 signature) and {@code <file>.pub}
   * (PEM public key) beside it, the layout the GitHub release convention and trust policy read.
   *
   * @throws dev.plinth.api.PlinthException {@link ReleaseErrorCode#SIGN_KEY_INVALID} for an unusable key
   */
  public static SignatureFiles signBeside(Path keyFile, Path file) throws IOException {
    Signed signed = sign(keyFile, file);
    Path sig = file.resolveSibling(file.getFileName() + ".sig");
    Path pub = file.resolveSibling(file.getFileName() + ".pub");
    Files.writeString(sig, signed.signatureBase64() + "\n");
    Files.writeString(pub, signed.publicKeyPem());
    return new SignatureFiles(signed, sig, pub);
  }

  /**
   * Signs {@code file} with the PEM private key in {@code keyFile}.
   *
   * @throws dev.plinth.api.PlinthException {@link ReleaseErrorCode#SIGN_KEY_INVALID} for an unusable key
   */
  public static Signed sign(Path keyFile, Path file) throws IOException {
    PrivateKeyInfo info = readPrivateKey(keyFile);
    try {
      PrivateKey key = jdkPrivateKey(info);
      SubjectPublicKeyInfo publicInfo =
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
              publicOf(PrivateKeyFactory.createKey(info)));
      PublicKey publicKey =
          KeyFactory.getInstance(key.getAlgorithm().equals("EC") ? "EC" : "Ed25519", bc())
              .generatePublic(new X509EncodedKeySpec(publicInfo.getEncoded()));
      String algorithm = algorithmFor(key);
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(Files.readAllBytes(file));
      return new Signed(algorithm, Base64.getEncoder().encodeToString(signature.sign()), pem(publicKey));
    } catch (java.security.GeneralSecurityException | IllegalArgumentException | org.bouncycastle.openssl.PEMException e) {
      throw invalid(keyFile, String.valueOf(e.getMessage()));
    }
  }

  /**
   * The private key through the JDK's own key factories. Asking by the PEM's algorithm name
   * ("ECDSA") would pick a BouncyCastle provider that another library registered in this JVM
   * (sigstore-java does, when it verifies), and that provider refuses PKCS#8 EC keys.
   */
  private static PrivateKey jdkPrivateKey(PrivateKeyInfo info) throws java.security.GeneralSecurityException, IOException {
    var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm;
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      algorithm = "EC";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      algorithm = "Ed25519";
    } else {
      throw new InvalidKeySpecException("key algorithm " + oid.getId() + " is neither EC nor Ed25519");
    }
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
  }

  private static java.security.Provider bc() {
    return new org.bouncycastle.jce.provider.BouncyCastleProvider();
  }

  private static String algorithmFor(PrivateKey key) {
    if (key instanceof ECPrivateKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    return "Ed25519";
  }

  private static org.bouncycastle.crypto.params.AsymmetricKeyParameter publicOf(
      org.bouncycastle.crypto.params.AsymmetricKeyParameter privateKey) {
    if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
      return ed.generatePublicKey();
    }
    if (privateKey instanceof org.bouncycastle.crypto.params.ECPrivateKeyParameters ec) {
      var q = ec.getParameters().getG().multiply(ec.getD()).normalize();
      return new org.bouncycastle.crypto.params.ECPublicKeyParameters(q, ec.getParameters());
    }
    throw new IllegalArgumentException("unsupported key type: " + privateKey.getClass().getSimpleName());
  }

  private static PrivateKeyInfo readPrivateKey(Path keyFile) throws IOException {
    Object parsed;
    try (Reader reader = Files.newBufferedReader(keyFile); PEMParser parser = new PEMParser(reader)) {
      parsed = parser.readObject();
    }
    if (parsed instanceof PEMKeyPair pair) {
      return pair.getPrivateKeyInfo();
    }
    if (parsed instanceof PrivateKeyInfo info) {
      return info;
    }
    throw invalid(keyFile, parsed == null ? "no PEM object" : parsed.getClass().getSimpleName());
  }

  private static PlinthException invalid(Path keyFile, String detail) {
    return new PlinthException(ReleaseErrorCode.SIGN_KEY_INVALID,
        "sign key must be an unencrypted PEM ECDSA (P-256/P-384) or Ed25519 private key: " + keyFile + " (" + detail + ")",
        "Generate one with: openssl genpkey -algorithm ed25519 -out key.pem (or cosign generate-key-pair and decrypt it).",
        Map.of("key", keyFile.toString()), null);
  }

  private static String pem(PublicKey key) throws IOException {
    StringWriter writer = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(key);
    }
    return writer.toString();
  }
}
