package dev.plinth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {
  @Test
  void build_defaults_matchDocumentedValues() {
    RuntimeSettings s = RuntimeSettings.builder().environment(Map.of()).build();

    assertThat(s.startTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.healthTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.crashThreshold()).isEqualTo(5);
    assertThat(s.crashWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.leakWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.safeMode()).isFalse();
    assertThat(s.sharedPackages().isShared("dev.plinth.api.Plugin")).isTrue();
  }

  @Test
  void safeMode_environmentFlag_turnsItOn() {
    assertThat(RuntimeSettings.builder().environment(Map.of("PLINTH_SAFE_MODE", "1")).build().safeMode()).isTrue();
    assertThat(RuntimeSettings.builder().environment(Map.of("PLINTH_SAFE_MODE", "true")).build().safeMode()).isTrue();
    assertThat(RuntimeSettings.builder().environment(Map.of("PLINTH_SAFE_MODE", "0")).build().safeMode()).isFalse();
  }

  @Test
  void safeMode_explicitSetting_winsOverEnvironment() {
    RuntimeSettings s = RuntimeSettings.builder()
        .environment(Map.of("PLINTH_SAFE_MODE", "1"))
        .safeMode(false)
        .build();

    assertThat(s.safeMode()).isFalse();
  }

  @Test
  void builder_settingGivenTwice_isRejectedNamingOldValue() {
    RuntimeSettings.Builder b = RuntimeSettings.builder().startTimeout(Duration.ofSeconds(3));

    assertThatThrownBy(() -> b.startTimeout(Duration.ofSeconds(4)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("startTimeout was already set: PT3S");
  }

  @Test
  void builder_invalidValues_areRejectedNamingValue() {
    assertThatThrownBy(() -> RuntimeSettings.builder().stopTimeout(Duration.ofMillis(-1)))
        .hasMessage("stopTimeout must be > 0: PT-0.001S");
    assertThatThrownBy(() -> RuntimeSettings.builder().crashThreshold(0))
        .hasMessage("crashThreshold must be >= 1: 0");
    assertThatThrownBy(() -> RuntimeSettings.builder().exportPackage("java.util"))
        .hasMessage("exported package must not be a JDK package: java.util");
    assertThatThrownBy(() -> RuntimeSettings.builder().exportPackage("com..bad"))
        .hasMessage("exported package must be a Java package name: com..bad");
  }

  @Test
  void sharedPackages_prefixes_coverSubpackagesOnly() {
    RuntimeSettings s = RuntimeSettings.builder().exportPackage("com.host.spi").build();

    assertThat(s.sharedPackages().isShared("com.host.spi.Tool")).isTrue();
    assertThat(s.sharedPackages().isShared("com.host.spi.sub.Tool")).isTrue();
    assertThat(s.sharedPackages().isShared("com.host.spiral.Tool")).isFalse();
    assertThat(s.sharedPackages().isGuarded("org.slf4j.Logger")).isFalse();
    assertThat(s.sharedPackages().isGuarded("com.host.spi.Tool")).isTrue();
    assertThat(s.sharedPackages().isSharedResource("com/host/spi/x.properties")).isTrue();
    assertThat(s.sharedPackages().isSharedResource("META-INF/services/com.host.spi.Tool")).isFalse();
  }
}
