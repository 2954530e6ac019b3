package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.PlinthException;
import org.junit.jupiter.api.Test;

class ChangeCommandsTest {
  @Test
  void pin_recordedSources_pointAtTheWantedVersion() {
    assertThat(ChangeCommands.pin("github:acme/tool", "1.2.0")).isEqualTo("github:acme/tool@v1.2.0");
    assertThat(ChangeCommands.pin("github:acme/tool@v1.0.0", "1.2.0")).isEqualTo("github:acme/tool@v1.2.0");
    assertThat(ChangeCommands.pin("catalog:tool", "1.2.0")).isEqualTo("catalog:tool@=1.2.0");
    assertThat(ChangeCommands.pin("catalog:tool@^1.0", "1.2.0")).isEqualTo("catalog:tool@=1.2.0");
    assertThat(ChangeCommands.pin("maven:com.acme:tool:1.0.0", "1.2.0")).isEqualTo("maven:com.acme:tool:1.2.0");
    assertThat(ChangeCommands.pin("maven:com.acme:tool:1.0.0:noarch", "1.2.0"))
        .isEqualTo("maven:com.acme:tool:1.2.0:noarch");
  }

  @Test
  void pin_urlOrFolderSource_refusedNamingSourceAndVersion() {
    assertThatThrownBy(() -> ChangeCommands.pin("https://example.com/tool-1.0.0.tar.gz", "1.2.0"))
        .isInstanceOfSatisfying(PlinthException.class, e -> {
          assertThat(e.code()).isEqualTo(CliErrorCode.UPGRADE_TARGET_UNSUPPORTED);
          assertThat(e.getMessage()).isEqualTo("--to cannot pin a version of source: https://example.com/tool-1.0.0.tar.gz");
          assertThat(e.details()).containsEntry("version", "1.2.0");
          assertThat(e.nextStep()).contains("plinth install");
        });
    assertThatThrownBy(() -> ChangeCommands.pin("/srv/plugins/tool", "1.2.0")).isInstanceOf(PlinthException.class);
  }
}
