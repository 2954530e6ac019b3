package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightAndPackTest {
  static final String HOST_TOML = """
      [host]
      name = "demo"
      version = "1.2.0"
      api_version = "1.0.0"
      java_version = "17.0.15"
      hook_points = ["tool.pre_exec"]
      extension_interfaces = []
      sandbox_profiles = []
      exported_packages = []
      [installed]
      """;

  @TempDir Path temp;

  static Path plugin(Path dir, String id, String version, String hostRange) throws Exception {
    Files.createDirectories(dir.resolve("classes"));
    Files.writeString(dir.resolve("classes/readme.txt"), "hello");
    Files.writeString(dir.resolve("plugin.toml"), """
        [plugin]
        id = "%s"
        version = "%s"
        [plugin.engine]
        host = "%s"
        api = "^1.0"
        [plugin.contributes]
        hooks = ["tool.pre_exec"]
        """.formatted(id, version, hostRange));
    return dir;
  }

  static Path home(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("host.toml"), HOST_TOML);
    return dir;
  }

  @Test
  void preflight_validFolder_exitsZeroWithReport() throws Exception {
    Path dir = plugin(temp.resolve("hello"), "hello", "1.0.0", ">=1.0.0");
    Path home = home(temp.resolve("home"));
    CliRunner r = CliRunner.run("--home", home.toString(), "--json", "preflight", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.at("/result/plugin/id").asText()).isEqualTo("hello");
    assertThat(doc.at("/result/issues")).isEmpty();
  }

  @Test
  void preflight_incompatibleHost_exitsOneWithCodeAndIssues() throws Exception {
    Path dir = plugin(temp.resolve("hello"), "hello", "1.0.0", ">=2.0.0");
    Path home = home(temp.resolve("home"));
    CliRunner r = CliRunner.run("--home", home.toString(), "--json", "preflight", dir.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode doc = r.json();
    assertThat(doc.get("ok").asBoolean()).isFalse();
    assertThat(doc.at("/error/code").asText()).isEqualTo("HOST_VERSION_MISMATCH");
    assertThat(doc.at("/error/phase").asText()).isEqualTo("preflight");
    assertThat(doc.at("/error/nextStep").asText()).isNotBlank();
    assertThat(doc.at("/result/issues/0/field").asText()).isEqualTo("plugin.engine.host");
  }

  @Test
  void preflight_invalidManifest_humanOutputNamesEveryIssue() throws Exception {
    Files.createDirectories(temp.resolve("bad"));
    Files.writeString(temp.resolve("bad/plugin.toml"), """
        [plugin]
        id = "Bad Id"
        version = "one"
        """);
    CliRunner r = CliRunner.run("preflight", temp.resolve("bad/plugin.toml").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("MANIFEST_ID_INVALID").contains("plugin.id").contains("plugin.version");
    assertThat(r.err()).startsWith("error MANIFEST_ID_INVALID").contains("next step:");
  }

  @Test
  void pack_signedWithEcdsaKey_writesArchiveDigestAndVerifiableSignature() throws Exception {
    Path dir = plugin(temp.resolve("hello"), "hello", "1.0.0", ">=1.0.0");
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = gen.generateKeyPair();
    Path key = temp.resolve("key.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    Path out = temp.resolve("out");

    CliRunner r = CliRunner.run("--json", "pack", dir.toString(), "-o", out.toString(), "--sign-key", key.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    Path archive = out.resolve("hello-1.0.0-noarch.tar.gz");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
    assertThat(Files.readString(out.resolve("hello-1.0.0-noarch.tar.gz.sha256"))).isEqualTo(sha + "  hello-1.0.0-noarch.tar.gz\n");
    assertThat(r.json().at("/result/sha256").asText()).isEqualTo(sha);
    Signature verify = Signature.getInstance("SHA256withECDSA");
    verify.initVerify(pair.getPublic());
    verify.update(Files.readAllBytes(archive));
    assertThat(verify.verify(Base64.getDecoder().decode(Files.readString(out.resolve("hello-1.0.0-noarch.tar.gz.sig")).trim()))).isTrue();
    String pub = Files.readString(out.resolve("hello-1.0.0-noarch.tar.gz.pub"))
        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    assertThat(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub))))
        .isEqualTo(pair.getPublic());
    // the packed archive passes preflight itself
    assertThat(CliRunner.run("preflight", archive.toString()).exitCode()).isZero();
  }

  @Test
  void pack_withAnUnusableSignKey_failsAndLeavesNoUnsignedArchive() throws Exception {
    Path dir = plugin(temp.resolve("hello"), "hello", "1.0.0", ">=1.0.0");
    Path key = temp.resolve("not-a-key.pem");
    Files.writeString(key, "not a PEM key\n");
    Path out = Files.createDirectories(temp.resolve("out"));

    CliRunner r = CliRunner.run("pack", dir.toString(), "-o", out.toString(), "--sign-key", key.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("error SIGN_KEY_INVALID").contains(key.toString()).contains("next step:");
    assertThat(r.out()).doesNotContain("packed", "sha256");
    try (var files = Files.list(out)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void pack_samefolderTwice_givesSameDigest() throws Exception {
    Path dir = plugin(temp.resolve("hello"), "hello", "1.0.0", ">=1.0.0");
    CliRunner a = CliRunner.run("--json", "pack", dir.toString(), "-o", temp.resolve("a").toString());
    CliRunner b = CliRunner.run("--json", "pack", dir.toString(), "-o", temp.resolve("b").toString());
    assertThat(a.json().at("/result/sha256").asText()).isEqualTo(b.json().at("/result/sha256").asText());
  }

  @Test
  void unknownCommand_exitsTwo() {
    CliRunner r = CliRunner.run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void readCommand_onMissingHome_isTypedError() {
    CliRunner r = CliRunner.run("--home", temp.resolve("none").toString(), "--json", "list");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("HOME_NOT_FOUND");
  }

  @Test
  void pack_folderWithoutManifestOrWithInvalidOne_failsNamingTheProblem() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    CliRunner none = CliRunner.run("--json", "pack", empty.toString(), "-o", temp.resolve("o1").toString());
    Files.createDirectories(temp.resolve("bad"));
    Files.writeString(temp.resolve("bad/plugin.toml"), "[plugin]\nid = \"Bad Id\"\nversion = \"1.0.0\"\n");
    CliRunner invalid = CliRunner.run("--json", "pack", temp.resolve("bad").toString(), "-o", temp.resolve("o2").toString());

    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.json().at("/error/code").asText()).isEqualTo("PACK_NO_MANIFEST");
    assertThat(none.json().at("/error/message").asText()).contains(empty.toString());
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.json().at("/error/code").asText()).isEqualTo("MANIFEST_ID_INVALID");
    assertThat(invalid.json().at("/error/phase").asText()).isEqualTo("preflight");
    assertThat(temp.resolve("o1")).doesNotExist();
    assertThat(temp.resolve("o2")).doesNotExist();
  }

  @Test
  void pack_targetWithInvalidCharacters_usageInvalidNamingIt() throws Exception {
    Path dir = plugin(temp.resolve("p"), "acme_target", "1.0.0", ">=1.0.0 <2.0.0");
    CliRunner r = CliRunner.run("--json", "pack", dir.toString(), "-o", temp.resolve("o").toString(), "--target", "../x");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("USAGE_INVALID");
    assertThat(r.json().at("/error/message").asText()).contains("--target").contains("../x");
    assertThat(temp.resolve("o")).doesNotExist();
  }

  @Test
  void install_homeWithoutHostProfile_hostProfileMissingNamingFile() throws Exception {
    Path dir = plugin(temp.resolve("hello"), "hello", "1.0.0", ">=1.0.0");
    Path bare = Files.createDirectories(temp.resolve("bare-home"));

    CliRunner r = CliRunner.run("--home", bare.toString(), "--json", "install", dir.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("HOST_PROFILE_MISSING");
    assertThat(r.json().at("/error/message").asText()).isEqualTo("host profile not found: " + bare.resolve("host.toml"));
    assertThat(r.json().at("/error/nextStep").asText()).contains("--host-profile");
  }
}
