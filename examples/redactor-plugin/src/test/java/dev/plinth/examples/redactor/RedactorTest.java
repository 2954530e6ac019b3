package dev.plinth.examples.redactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.examples.redactor.Redactor.LabelStyle;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor kinds = Redactor.withDefaults(List.of("OPS-[0-9]{5}"), LabelStyle.KIND);

  @Test
  void redact_eachBuiltInKind_labelledWithItsKind() {
    assertThat(kinds.redact("id AKIAIOSFODNN7EXAMPLE")).isEqualTo("id [REDACTED:aws_access_key]");
    assertThat(kinds.redact("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        .isEqualTo("AWS_SECRET_ACCESS_KEY=[REDACTED:aws_secret_key]");
    assertThat(kinds.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y")).isEqualTo("Authorization: [REDACTED:bearer_token]");
    assertThat(kinds.redact("token ghp_abcdefghijklmnopqrstuvwxyz0123")).isEqualTo("token [REDACTED:github_token]");
    assertThat(kinds.redact("k=sk_live_51HqDemoOnlyNotARealKey")).isEqualTo("k=[REDACTED:api_key]");
    assertThat(kinds.redact("k=sk-proj-abcdefghijklmnopqrstuvwx")).isEqualTo("k=[REDACTED:api_key]");
  }

  @Test
  void redact_configuredPattern_labelledCustom() {
    assertThat(kinds.redact("ticket OPS-48213 open")).isEqualTo("ticket [REDACTED:custom] open");
  }

  @Test
  void redact_plainStyle_usesOneLabel() {
    Redactor plain = Redactor.withDefaults(List.of(), LabelStyle.PLAIN);
    assertThat(plain.redact("AKIAIOSFODNN7EXAMPLE and Bearer abcdefghijkl")).isEqualTo("[REDACTED] and [REDACTED]");
  }

  @Test
  void redact_nothingSecret_returnsSameInstance() {
    String text = "DEPLOY_REGION=eu-west-1, build 1234 ok";
    assertThat(kinds.redact(text)).isSameAs(text);
  }

  @Test
  void withDefaults_invalidPattern_namesIt() {
    assertThatThrownBy(() -> Redactor.withDefaults(List.of("(unclosed"), LabelStyle.PLAIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("patterns entry must be a valid regular expression: (unclosed");
  }
}
