package dev.plinth.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.signing.PgpTestKey;
import dev.plinth.testkit.signing.TestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseServerMavenTest {
  private static ReleaseServer server;
  @TempDir Path temp;

  @BeforeAll
  static void start() {
    server = ReleaseServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private BuiltBundle bundle(String version) {
    return PluginBundle.builder("acme_maven", version).file("README.md", "m").writeTarGz(temp);
  }

  private static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }

  @Test
  void publishMaven_defaults_archiveStrongChecksumsAndManifest() throws Exception {
    BuiltBundle b = bundle("1.0.0");

    PublishedArtifact a = server.publishMaven("com.acme.plugins", "redactor", "1.0.0", b);

    String dir = server.mavenRepositoryUrl() + "/com/acme/plugins/redactor/1.0.0/";
    assertThat(a.archiveUrl()).isEqualTo(dir + "redactor-1.0.0.tar.gz");
    assertThat(a.source()).isEqualTo("maven:com.acme.plugins:redactor:1.0.0");
    assertThat(a.repositoryUrl()).isEqualTo(server.mavenRepositoryUrl());
    assertThat(Http.get(a.archiveUrl()).body()).isEqualTo(b.bytes());
    assertThat(Http.text(dir + "redactor-1.0.0.tar.gz.sha256")).isEqualTo(b.sha256());
    assertThat(Http.text(dir + "redactor-1.0.0.tar.gz.sha512")).isEqualTo(hex("SHA-512", b.bytes()));
    assertThat(Http.get(dir + "redactor-1.0.0.tar.gz.sha1").statusCode()).isEqualTo(404);
    assertThat(Http.get(dir + "redactor-1.0.0.tar.gz.asc").statusCode()).isEqualTo(404);
    assertThat(Http.text(dir + "redactor-1.0.0-plugin.toml")).isEqualTo(b.manifest());
    assertThat(a.signaturePath()).isNull();
  }

  @Test
  void publishMaven_onlyWeakChecksums_sha1AndMd5Only() throws Exception {
    BuiltBundle b = bundle("1.0.0");

    server.publishMaven("com.weak", "w", "1.0.0", b, MavenOptions.defaults().withOnlyWeakChecksums());

    String base = server.mavenRepositoryUrl() + "/com/weak/w/1.0.0/w-1.0.0.tar.gz";
    assertThat(Http.text(base + ".sha1")).isEqualTo(hex("SHA-1", b.bytes()));
    assertThat(Http.text(base + ".md5")).isEqualTo(hex("MD5", b.bytes()));
    assertThat(Http.get(base + ".sha256").statusCode()).isEqualTo(404);
    assertThat(Http.get(base + ".sha512").statusCode()).isEqualTo(404);
  }

  @Test
  void publishMaven_twoVersions_metadataListsBoth() throws Exception {
    server.publishMaven("com.meta", "m", "1.10.0", bundle("1.10.0"));
    server.publishMaven("com.meta", "m", "1.9.0", bundle("1.9.0"));
    server.publishMaven("com.meta", "m", "2.0.0-beta.1", bundle("2.0.0-beta.1"));

    String xml = Http.text(server.mavenRepositoryUrl() + "/com/meta/m/maven-metadata.xml");

    assertThat(xml).contains("<groupId>com.meta</groupId>", "<artifactId>m</artifactId>",
        "<latest>2.0.0-beta.1</latest>", "<release>1.10.0</release>");
    assertThat(xml.indexOf("<version>1.9.0</version>"))
        .isLessThan(xml.indexOf("<version>1.10.0</version>"))
        .isLessThan(xml.indexOf("<version>2.0.0-beta.1</version>"));
  }

  @Test
  void publishMaven_signerAndClassifier_ascVerifiesWithPgpKey() throws Exception {
    PgpTestKey key = TestKeys.pgp();
    BuiltBundle b = bundle("1.0.0");

    PublishedArtifact a = server.publishMaven("com.signed", "s", "1.0.0", b,
        MavenOptions.defaults().withClassifier("plugin").withSigner(key));

    assertThat(a.archivePath()).isEqualTo("/maven/com/signed/s/1.0.0/s-1.0.0-plugin.tar.gz");
    assertThat(a.source()).isEqualTo("maven:com.signed:s:1.0.0:plugin");
    assertThat(a.signaturePath()).isEqualTo(a.archivePath() + ".asc");
    String asc = Http.text(server.baseUrl() + a.signaturePath());
    PGPPublicKeyRing ring = new PGPPublicKeyRing(PGPUtil.getDecoderStream(new ByteArrayInputStream(
        key.armoredPublicKey().getBytes(StandardCharsets.US_ASCII))), new JcaKeyFingerprintCalculator());
    PGPSignature sig = ((PGPSignatureList) new JcaPGPObjectFactory(PGPUtil.getDecoderStream(
        new ByteArrayInputStream(asc.getBytes(StandardCharsets.US_ASCII)))).nextObject()).get(0);
    sig.init(new JcaPGPContentVerifierBuilderProvider()
        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()), ring.getPublicKey());
    sig.update(Http.get(a.archiveUrl()).body());
    assertThat(sig.verify()).isTrue();
  }

  @Test
  void publishMaven_pgpSignedBundle_servesItsAsc() throws Exception {
    BuiltBundle b = PluginBundle.builder("acme_asc", "1.0.0").signWith(TestKeys.pgp()).writeTarGz(temp);

    PublishedArtifact a = server.publishMaven("com.asc", "x", "1.0.0", b);

    assertThat(Http.text(server.baseUrl() + a.signaturePath()))
        .isEqualTo(java.nio.file.Files.readString(b.signature()));
  }

  @Test
  void publishMaven_wrongDigestsWithoutManifest_mismatchAnd404() throws Exception {
    BuiltBundle b = bundle("1.0.0");

    PublishedArtifact a = server.publishMaven("com.bad", "b", "1.0.0", b,
        MavenOptions.defaults().withWrongDigests().withoutManifest());

    assertThat(Http.text(a.archiveUrl() + ".sha256")).matches("[0-9a-f]{64}").isNotEqualTo(b.sha256());
    assertThat(a.manifestPath()).isNull();
    assertThat(Http.get(server.mavenRepositoryUrl() + "/com/bad/b/1.0.0/b-1.0.0-plugin.toml").statusCode())
        .isEqualTo(404);
  }
}
