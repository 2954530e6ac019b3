package dev.plinth.installer.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustPolicyTest {
  @TempDir Path temp;

  @Test
  void load_fullPolicy_readsEveryField() throws Exception {
    TestKeys.writeString(temp.resolve("keys/a.pub"), TestKeys.pem(TestKeys.ec("secp256r1")));
    TestKeys.writeString(temp.resolve("keys/a.asc"), TestKeys.pgp("A <a@example.com>").armoredPublic());
    Path root = TestKeys.writeString(temp.resolve("root.json"), "{}");
    Path file = TestKeys.writeString(temp.resolve("trust.toml"), """
        default_mode = "require"
        trusted_root = "root.json"

        [[authors]]
        name = "acme"
        plugins = ["acme_*", "acme"]
        mode = "warn"
        identity = "https://github\\\\.com/acme/.*"
        issuer = "https://token.actions.githubusercontent.com"
        keys = ["keys/a.pub", "keys/a.asc"]

        [[authors]]
        plugins = ["beta_?x"]
        """);

    TrustPolicy p = TrustPolicy.load(file);

    assertThat(p.defaultMode()).isEqualTo(TrustMode.REQUIRE);
    assertThat(p.trustedRoot()).contains(root);
    assertThat(p.authors()).hasSize(2);
    AuthorPolicy acme = p.authors().get(0);
    assertThat(acme.mode()).isEqualTo(TrustMode.WARN);
    assertThat(acme.identity()).isEqualTo("https://github\\.com/acme/.*");
    assertThat(p.keysOf(acme)).hasSize(2);
    assertThat(p.authorFor("acme_redactor")).contains(acme);
    assertThat(p.authorFor("beta_1x").map(AuthorPolicy::label)).contains("authors[1]");
    assertThat(p.authorFor("gamma")).isEmpty();
  }

  @Test
  void parse_empty_defaultsToWarn() {
    assertThat(TrustPolicy.parse("", temp, "t").defaultMode()).isEqualTo(TrustMode.WARN);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
    "default_mode = \"strict\"                                      | default_mode            | strict",
    "defualt_mode = \"warn\"                                        | defualt_mode            | defualt_mode",
    "trusted_root = \"missing.json\"                                | trusted_root            | MISSING",
    "[[authors]]\\nplugins = []                                     | authors[0].plugins      | []",
    "[[authors]]\\nplugins = [\"Acme\"]                             | authors[0].plugins[0]   | Acme",
    "[[authors]]\\nplugins = [\"a\"]\\nmode = \"require\"           | authors[0].mode         | require",
    "[[authors]]\\nplugins = [\"a\"]\\nidentity = \"(\"\\nissuer = \"i\" | authors[0].identity | (",
    "[[authors]]\\nplugins = [\"a\"]\\nidentity = \"x\"             | authors[0].issuer       | <missing>",
    "[[authors]]\\nplugins = [\"a\"]\\nkeys = [\"nope.pub\"]        | authors[0].keys[0]      | MISSING",
    "[[authors]]\\nplugins = [\"a\"]\\ncolour = 1                   | authors[0].colour       | colour",
    "default_mode = [                                               | toml                    | MISSING",
    "authors = \"acme\"                                            | authors                 | acme",
    "authors = [\"acme\"]                                          | authors[0]              | acme",
    "default_mode = \"\"                                           | default_mode            | ''",
    "[[authors]]\\nplugins = \"acme_*\"                           | authors[0].plugins      | acme_*",
    "[[authors]]\\nplugins = [\"a\"]\\nkeys = [7]                | authors[0].keys[0]      | 7",
  })
  void parse_invalidField_trustPolicyInvalidNamingFieldAndValue(String toml, String field, String value) {
    InstallException e = catchThrowableOfType(InstallException.class,
        () -> TrustPolicy.parse(toml.replace("\\n", "\n"), temp, "trust.toml"));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(InstallErrorCode.TRUST_POLICY_INVALID);
    assertThat(e.details()).containsEntry("field", field).containsEntry("origin", "trust.toml");
    if (!value.equals("MISSING")) {
      assertThat(e.details()).containsEntry("value", value);
    }
    assertThat(e.getMessage()).startsWith(field + " ");
  }

  @Test
  void parse_badEscapeInAQuotedKey_whichTomljThrowsRatherThanReports_isInvalidToml() {
    InstallException e = catchThrowableOfType(InstallException.class,
        () -> TrustPolicy.parse("[\"auth\\]\ndefault_mode = \"warn\"\n", temp, "trust.toml"));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(InstallErrorCode.TRUST_POLICY_INVALID);
    assertThat(e.details()).containsEntry("field", "toml");
    assertThat(e.getMessage()).contains("line 1");
  }

  @Test
  void parse_keyFileThatIsNotAKey_invalid() throws Exception {
    TestKeys.writeString(temp.resolve("k.pub"), "hello");

    InstallException e = catchThrowableOfType(InstallException.class,
        () -> TrustPolicy.parse("[[authors]]\nplugins = [\"a\"]\nkeys = [\"k.pub\"]\n", temp, "t"));

    assertThat(e.details()).containsEntry("field", "authors[0].keys[0]");
  }
}
