package dev.plinth.audit;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.Phase;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.manifest.Capability;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.manifest.SandboxProfile;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.junit.PlinthTestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Installs through a real PluginSystem, which finds the bytecode auditor on the class path. */
class SandboxInstallTest {
  private static final String PLUGIN = """
      package com.acme.caps;
      public final class CapsPlugin implements dev.plinth.api.Plugin {}
      """;

  @TempDir Path dir;

  static Stream<CapabilitySample> samples() {
    return CapabilitySample.ALL.stream();
  }

  private BuiltBundle bundle(CapabilitySample sample, @Nullable String profile, List<Capability> declared) {
    PluginManifest.Permissions permissions =
        new PluginManifest.Permissions(List.of(), List.of(), List.of(), List.of(), false, profile, declared);
    return PluginBundle.builder("caps", "1.0.0")
        .pluginClass("com.acme.caps.CapsPlugin")
        .source("com.acme.caps.CapsPlugin", PLUGIN)
        .source(sample.className(), sample.source())
        .permissions(permissions)
        .writeTarGz(dir.resolve("out-" + sample.capability().id()));
  }

  private PlinthTestHost host(SandboxProfile... defined) {
    return PlinthTestHost.builder(dir.resolve("host-" + System.nanoTime())).customize(b -> {
      for (SandboxProfile p : defined) {
        b.sandboxProfile(p);
      }
    }).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void install_undeclaredCapabilityUnderStrict_isRefusedNamingTheCallSite(CapabilitySample sample) {
    try (PlinthTestHost host = host()) {
      InstallOutcome outcome = host.install(bundle(sample, "strict", List.of()));

      assertThat(outcome).isFailedAt(Phase.EXTRACT).hasCauseCode("SANDBOX_CAPABILITY_UNDECLARED");
      String message = ((InstallOutcome.Failed) outcome).cause().message();
      assertThat(message).contains(sample.className() + ".run line ").contains("classes/");
      assertThat(host.system().store().info("caps")).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void install_declaredCapabilityUnderStandard_installsAndRecordsTheAudit(CapabilitySample sample) throws IOException {
    try (PlinthTestHost host = host()) {
      assertThat(host.install(bundle(sample, null, List.of(sample.capability())))).isInstalled("1.0.0");

      PluginInfo.Version current = host.system().store().info("caps").orElseThrow().current().orElseThrow();
      CapabilityReport audit = current.audit();
      assertThat(audit).isNotNull();
      assertThat(audit.capabilities()).containsExactly(sample.capability());
      String record = Files.readString(host.home().resolve("plugins/caps/versions/1.0.0/.install.json"));
      assertThat(record).contains("\"audit\"").contains(sample.className());
    }
  }

  @Test
  void install_undeclaredCapabilityUnderStandard_isRefused() {
    try (PlinthTestHost host = host()) {
      InstallOutcome outcome = host.install(bundle(CapabilitySample.of(Capability.EXIT), null, List.of()));

      assertThat(outcome).isFailedAt(Phase.EXTRACT).hasCauseCode("SANDBOX_CAPABILITY_UNDECLARED");
      assertThat(((InstallOutcome.Failed) outcome).cause().message())
          .contains("must declare `exit`").contains("java/lang/System.exit(I)V");
    }
  }

  @Test
  void install_threadsUndeclaredUnderStandard_installsBecauseTheProfileAllowsThem() {
    try (PlinthTestHost host = host()) {
      assertThat(host.install(bundle(CapabilitySample.of(Capability.THREADS), null, List.of()))).isInstalled("1.0.0");
    }
  }

  @Test
  void install_dynamicUndeclaredUnderStandard_installsWithAWarning_butStrictRefusesEvenWhenDeclared() {
    CapabilitySample dynamic = CapabilitySample.of(Capability.DYNAMIC);
    try (PlinthTestHost host = host()) {
      assertThat(host.install(bundle(dynamic, "standard", List.of()))).isInstalled("1.0.0");
    }
    try (PlinthTestHost host = host()) {
      assertThat(host.install(bundle(dynamic, "strict", List.of(Capability.DYNAMIC))))
          .isFailedAt(Phase.EXTRACT).hasCauseCode("SANDBOX_CAPABILITY_UNDECLARED");
    }
  }

  @Test
  void install_hostDefinedProfileAllowingNetwork_installsUndeclaredNetworkUse() {
    SandboxProfile integration = new SandboxProfile("integration", Set.of(Capability.NETWORK), SandboxProfile.Dynamic.WARN);
    try (PlinthTestHost host = host(integration)) {
      assertThat(host.install(bundle(CapabilitySample.of(Capability.NETWORK), "integration", List.of())))
          .isInstalled("1.0.0");
      assertThat(host.home().resolve("host.toml")).content().contains("[sandbox.integration]", "allow = [\"network\"]");
    }
  }

  @Test
  void install_trustedProfile_installsAnythingUndeclared() {
    try (PlinthTestHost host = host()) {
      assertThat(host.install(bundle(CapabilitySample.of(Capability.PROCESS), "trusted", List.of()))).isInstalled("1.0.0");
    }
  }

  @Test
  void install_declaredCapabilityNotAcknowledged_installsDisabled() {
    try (PlinthTestHost host = host()) {
      InstallOutcome outcome = host.install(bundle(CapabilitySample.of(Capability.EXIT), null, List.of(Capability.EXIT)),
          r -> r.withAcknowledgePermissions(false));

      assertThat(outcome).isInstalled("1.0.0");
      assertThat(host.system().store().state().get("caps").enabled()).isFalse();
      assertThat(host.system().doctor().plugin("caps").orElseThrow().permissions()).contains("capabilities=exit");
    }
  }

  @Test
  void doctor_listsTheCapabilitiesOfTheCurrentVersion() {
    try (PlinthTestHost host = host()) {
      host.install(bundle(CapabilitySample.of(Capability.FILESYSTEM), null, List.of(Capability.FILESYSTEM)));

      var diagnosis = host.system().doctor().plugin("caps").orElseThrow();
      assertThat(diagnosis.audited()).isTrue();
      assertThat(diagnosis.capabilities()).singleElement().asString()
          .startsWith("filesystem: 1 call site(s), first com.acme.caps.UsesFILESYSTEM.run()V line ");
      assertThat(host.system().doctor().toText()).contains("filesystem: 1 call site(s)");
      assertThat(host.system().doctor().toJson()).contains("\"audited\" : true");
    }
  }
}
