package dev.plinth.installer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.PlinthException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlePackerTest {
  @TempDir Path temp;

  private Path pluginDir(String version) throws Exception {
    Path dir = temp.resolve("src-" + version);
    Files.createDirectories(dir.resolve("classes/com/acme"));
    Files.writeString(dir.resolve("plugin.toml"), """
        [plugin]
        id = "acme_pack"
        version = "%s"
        """.formatted(version));
    Files.write(dir.resolve("classes/com/acme/A.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2});
    return dir;
  }

  @Test
  void pack_sameFolderTwice_sameDigestAndSortedFixedEntries() throws Exception {
    Path dir = pluginDir("1.2.0");
    PackedBundle a = BundlePacker.pack(dir, temp.resolve("a"), "noarch");
    Thread.sleep(1100);
    Files.setLastModifiedTime(dir.resolve("plugin.toml"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    PackedBundle b = BundlePacker.pack(dir, temp.resolve("b"), "noarch");

    assertThat(a.archive().getFileName()).hasToString("acme_pack-1.2.0-noarch.tar.gz");
    assertThat(a.sha256()).isEqualTo(b.sha256()).hasSize(64);
    assertThat(Files.readAllBytes(a.archive())).isEqualTo(Files.readAllBytes(b.archive()));
    assertThat(Files.readString(a.sha256File())).isEqualTo(a.sha256() + "  acme_pack-1.2.0-noarch.tar.gz\n");
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(a.archive())))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        names.add(e.getName());
        assertThat(e.getModTime().getTime()).isZero();
      }
    }
    assertThat(names).containsExactly("classes/", "classes/com/", "classes/com/acme/", "classes/com/acme/A.class", "plugin.toml");
  }

  @Test
  void pack_invalidOrMissingManifest_refusedNamingTheIssue() throws Exception {
    Path dir = pluginDir("1.0.0");
    Files.writeString(dir.resolve("plugin.toml"), "[plugin]\nid = \"Bad-Id\"\nversion = \"1.0.0\"\n");
    assertThatThrownBy(() -> BundlePacker.pack(dir, temp.resolve("o"), "noarch"))
        .isInstanceOfSatisfying(PlinthException.class, e -> assertThat(e.code()).isEqualTo(ReleaseErrorCode.PACK_MANIFEST_INVALID))
        .hasMessageContaining("MANIFEST_ID_INVALID").hasMessageContaining("plugin.id");
    Files.delete(dir.resolve("plugin.toml"));
    assertThatThrownBy(() -> BundlePacker.pack(dir, temp.resolve("o"), "noarch"))
        .isInstanceOfSatisfying(PlinthException.class, e -> assertThat(e.code()).isEqualTo(ReleaseErrorCode.PACK_MANIFEST_INVALID))
        .hasMessageContaining("plugin.toml: " + dir);
  }

  @Test
  void pack_folderWithSymbolicLink_refused() throws Exception {
    Path dir = pluginDir("1.0.0");
    Files.createSymbolicLink(dir.resolve("classes/link"), temp);
    assertThatThrownBy(() -> BundlePacker.pack(dir, temp.resolve("o"), "noarch"))
        .isInstanceOfSatisfying(PlinthException.class, e -> assertThat(e.code()).isEqualTo(ReleaseErrorCode.PACK_LINK_REFUSED))
        .hasMessageContaining("classes/link");
  }

  @Test
  void signBeside_ecdsaKey_writesSignatureThatVerifiesWithTheWrittenPublicKey() throws Exception {
    PackedBundle packed = BundlePacker.pack(pluginDir("1.0.0"), temp.resolve("o"), "noarch");
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = gen.generateKeyPair();
    Path key = temp.resolve("key.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");

    BlobSigner.SignatureFiles files = BlobSigner.signBeside(key, packed.archive());

    assertThat(files.signatureFile().getFileName()).hasToString("acme_pack-1.0.0-noarch.tar.gz.sig");
    PublicKey written;
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(files.publicKeyFile())))) {
      written = new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) parser.readObject());
    }
    assertThat(written.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    Signature verify = Signature.getInstance("SHA256withECDSA");
    verify.initVerify(written);
    verify.update(Files.readAllBytes(packed.archive()));
    assertThat(verify.verify(Base64.getDecoder().decode(Files.readString(files.signatureFile()).trim()))).isTrue();
  }

  @Test
  void sign_ecdsaKey_afterBouncyCastleWasRegistered_stillSigns() throws Exception {
    // sigstore-java registers BouncyCastle JVM-wide when it verifies; signing must not depend on it.
    PackedBundle packed = BundlePacker.pack(pluginDir("1.0.0"), temp.resolve("o"), "noarch");
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = gen.generateKeyPair();
    Path key = temp.resolve("key.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    boolean added = java.security.Security.addProvider(bc) != -1;
    BlobSigner.Signed signed;
    try {
      signed = BlobSigner.sign(key, packed.archive());
    } finally {
      if (added) {
        java.security.Security.removeProvider(bc.getName());
      }
    }

    Signature verify = Signature.getInstance("SHA256withECDSA");
    verify.initVerify(pair.getPublic());
    verify.update(Files.readAllBytes(packed.archive()));
    assertThat(verify.verify(Base64.getDecoder().decode(signed.signatureBase64()))).isTrue();
  }

  @Test
  void sign_notAKey_refusedNamingTheFile() throws Exception {
    Path notKey = temp.resolve("key.pem");
    Files.writeString(notKey, "hello");
    Path file = Files.writeString(temp.resolve("f"), "x");
    assertThatThrownBy(() -> BlobSigner.sign(notKey, file))
        .isInstanceOfSatisfying(PlinthException.class, e -> assertThat(e.code()).isEqualTo(ReleaseErrorCode.SIGN_KEY_INVALID))
        .hasMessageContaining(notKey.toString());
  }
}
