package dev.plinth.installer.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs the fuzz properties found bugs with ({@code src/test/resources/fuzz-regressions}). Surefire runs with -ea. */
class FuzzRegressionTest {
  @TempDir Path tmp;

  private static String input(String name) throws Exception {
    Path p = Path.of(FuzzRegressionTest.class.getResource("/fuzz-regressions/" + name).toURI());
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  @Test
  void parse_nulInAKeyPath_isTrustPolicyInvalidNamingTheField() throws Exception {
    InstallException e = catchThrowableOfType(InstallException.class,
        () -> TrustPolicy.parse(input("nul-in-key-path.toml"), tmp, "trust.toml"));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(InstallErrorCode.TRUST_POLICY_INVALID);
    assertThat(e.getMessage()).contains("authors[0].keys").contains("pgp.\\0asc");
  }

  @Test
  void parse_malformedUnicodeEscape_isTrustPolicyInvalid() throws Exception {
    InstallException e = catchThrowableOfType(InstallException.class,
        () -> TrustPolicy.parse(input("malformed-unicode-escape.toml"), tmp, "trust.toml"));

    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(InstallErrorCode.TRUST_POLICY_INVALID);
  }
}
