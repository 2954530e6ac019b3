package dev.plinth.testkit.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestKeysTest {
  @TempDir Path temp;

  private static PublicKey readPem(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) parser.readObject());
    }
  }

  private static boolean verify(String algorithm, PublicKey key, byte[] data, String base64)
      throws Exception {
    Signature s = Signature.getInstance(algorithm);
    s.initVerify(key);
    s.update(data);
    return s.verify(Base64.getDecoder().decode(base64.strip()));
  }

  @Test
  void ecdsaP256_signFile_sigVerifiesWithPemPublicKey() throws Exception {
    CosignTestKey key = TestKeys.ecdsaP256();
    Path blob = Files.writeString(temp.resolve("a.tar.gz"), "archive bytes");

    SignatureFiles files = key.signFile(blob);

    assertThat(files.signature()).hasFileName("a.tar.gz.sig");
    assertThat(files.publicKey()).hasFileName("a.tar.gz.pub");
    String pem = Files.readString(files.publicKey());
    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    PublicKey parsed = readPem(pem);
    assertThat(parsed.getAlgorithm()).isEqualTo("EC");
    String sig = Files.readString(files.signature());
    assertThat(verify("SHA256withECDSA", parsed, Files.readAllBytes(blob), sig)).isTrue();
    assertThat(verify("SHA256withECDSA", parsed, "tampered".getBytes(StandardCharsets.UTF_8), sig))
        .isFalse();
  }

  @Test
  void ed25519_signText_rawSignatureVerifiesWithJdk() throws Exception {
    CosignTestKey key = TestKeys.ed25519();
    byte[] data = "bundle".getBytes(StandardCharsets.UTF_8);

    String sig = key.signText(data);

    assertThat(Base64.getDecoder().decode(sig)).hasSize(64);
    PublicKey parsed = readPem(key.toPem());
    assertThat(verify("Ed25519", parsed, data, sig)).isTrue();
    assertThat(key.signatureAlgorithm()).isEqualTo("Ed25519");
  }

  @Test
  void ecdsaP256_twoKeys_differentPublicKeys() {
    assertThat(TestKeys.ecdsaP256().toPem()).isNotEqualTo(TestKeys.ecdsaP256().toPem());
  }

  @Test
  void pgp_signFile_armoredDetachedSignatureVerifiesWithArmoredKey() throws Exception {
    PgpTestKey key = TestKeys.pgp();
    Path blob = Files.writeString(temp.resolve("p-1.0.0.tar.gz"), "maven bytes");

    SignatureFiles files = key.signFile(blob);

    assertThat(files.signature()).hasFileName("p-1.0.0.tar.gz.asc");
    assertThat(files.publicKey()).isNull();
    String asc = Files.readString(files.signature());
    assertThat(asc).contains("-----BEGIN PGP SIGNATURE-----");
    String armoredKey = key.armoredPublicKey();
    assertThat(armoredKey).contains("-----BEGIN PGP PUBLIC KEY BLOCK-----");

    PGPPublicKeyRing ring = new PGPPublicKeyRing(
        PGPUtil.getDecoderStream(new ByteArrayInputStream(armoredKey.getBytes(StandardCharsets.US_ASCII))),
        new JcaKeyFingerprintCalculator());
    PGPPublicKey publicKey = ring.getPublicKey();
    assertThat(publicKey.getKeyID()).isEqualTo(key.keyId());
    assertThat(publicKey.getUserIDs().next()).isEqualTo("Plinth Test Signer <test-signer@plinth.invalid>");

    assertThat(verifyPgp(publicKey, asc, Files.readAllBytes(blob))).isTrue();
    assertThat(verifyPgp(publicKey, asc, "other".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  private static boolean verifyPgp(PGPPublicKey key, String asc, byte[] data) throws Exception {
    JcaPGPObjectFactory factory = new JcaPGPObjectFactory(
        PGPUtil.getDecoderStream(new ByteArrayInputStream(asc.getBytes(StandardCharsets.US_ASCII))));
    PGPSignature sig = ((PGPSignatureList) factory.nextObject()).get(0);
    assertThat(sig.getKeyID()).isEqualTo(key.getKeyID());
    sig.init(new JcaPGPContentVerifierBuilderProvider()
        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()), key);
    sig.update(data);
    return sig.verify();
  }

  @Test
  void pgp_fingerprint_upperHexOf40Chars() {
    assertThat(TestKeys.pgp().fingerprint()).matches("[0-9A-F]{40}");
  }
}
