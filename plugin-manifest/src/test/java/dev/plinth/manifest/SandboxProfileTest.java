package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxProfileTest {
  private static final String BASE = """
      [plugin]
      id = "acme_caps"
      version = "1.0.0"
      [plugin.engine]
      host = ">=1.0.0"
      """;

  private static final HostProfile HOST = HostProfile.of("Acme", "1.2.0");

  private static CapabilityUse use(Capability c) {
    return new CapabilityUse(c, "lib/x.jar", "com.acme.X", "run()V", 7, "java/lang/System.exit(I)V");
  }

  private static CapabilityReport report(List<CapabilityUse> uses, List<String> unreadable) {
    return new CapabilityReport("test", 1, 1, uses, unreadable);
  }

  @Test
  void parse_capabilities_readsThemInOrder_andWritesThemBack() {
    ManifestReport report = ManifestParser.parse(BASE + "[plugin.permissions]\ncapabilities = [\"network\", \"jvm_state\"]\n");

    assertThat(report.issues()).isEmpty();
    PluginManifest m = report.orThrow();
    assertThat(m.permissions().capabilities()).containsExactly(Capability.NETWORK, Capability.JVM_STATE);
    assertThat(m.permissions().isEmpty()).isFalse();
    assertThat(ManifestParser.parse(ManifestWriter.toToml(m)).orThrow().permissions().capabilities())
        .containsExactly(Capability.NETWORK, Capability.JVM_STATE);
  }

  @Test
  void parse_unknownCapability_reportsCapabilityUnknownWithItsField() {
    ManifestReport report = ManifestParser.parse(BASE + "[plugin.permissions]\ncapabilities = [\"exit\", \"sockets\"]\n");

    assertThat(report.errors()).singleElement().satisfies(i -> {
      assertThat(i.code()).isEqualTo("CAPABILITY_UNKNOWN");
      assertThat(i.field()).isEqualTo("plugin.permissions.capabilities[1]");
      assertThat(i.value()).isEqualTo("sockets");
      assertThat(i.nextStep()).contains("network");
    });
  }

  @Test
  void preflight_builtInProfile_isKnownToEveryHost_butAnUnknownNameIsNot() {
    ManifestReport strict = Preflight.checkText(BASE + "[plugin.permissions]\nprofile = \"strict\"\n", HOST);
    ManifestReport bogus = Preflight.checkText(BASE + "[plugin.permissions]\nprofile = \"sandy\"\n", HOST);

    assertThat(strict.errors()).isEmpty();
    assertThat(bogus.errors()).extracting(ManifestIssue::code).containsExactly("SANDBOX_PROFILE_UNKNOWN");
  }

  @Test
  void hostProfiles_sandboxDefinitions_roundTripThroughHostToml() {
    SandboxProfile integration =
        new SandboxProfile("integration", Set.of(Capability.NETWORK, Capability.THREADS), SandboxProfile.Dynamic.REFUSE);
    HostProfile host = HOST.withSandboxProfile(integration);

    String toml = HostProfiles.toToml(host);
    HostProfile read = HostProfiles.parse(toml);

    assertThat(toml).contains("[sandbox.integration]\nallow = [\"network\", \"threads\"]\ndynamic = \"refuse\"");
    assertThat(read.sandboxDefinitions()).containsEntry("integration", integration);
    assertThat(read.sandboxProfiles()).contains("integration");
    assertThat(SandboxProfile.resolve("integration", read)).contains(integration);
  }

  @Test
  void hostProfiles_unknownCapabilityOrDynamicMode_isHostProfileInvalid() {
    String toml = "[host]\nname = \"Acme\"\nversion = \"1.0.0\"\n[sandbox.x]\nallow = [\"telepathy\"]\ndynamic = \"maybe\"\n";

    assertThatThrownBy(() -> HostProfiles.parse(toml)).isInstanceOf(ManifestException.class)
        .hasMessageContaining("telepathy").hasMessageContaining("and 1 more issues")
        .satisfies(e -> assertThat(((ManifestException) e).issues()).extracting(ManifestIssue::value)
            .containsExactly("telepathy", "maybe"));
  }

  @Test
  void resolve_nameTheHostListsWithoutDefinition_behavesLikeStandard() {
    HostProfile host = HOST.withSandboxProfiles(Set.of("integration"));

    SandboxProfile p = SandboxProfile.resolve("integration", host).orElseThrow();

    assertThat(p.allowed()).isEqualTo(SandboxProfile.STANDARD.allowed());
    assertThat(SandboxProfile.resolve(null, host)).contains(SandboxProfile.STANDARD);
    assertThat(SandboxProfile.resolve("other", host)).isEmpty();
  }

  @Test
  void check_undeclaredUse_isAnErrorNamingTheCallSite_declaredIsNot() {
    CapabilityReport r = report(List.of(use(Capability.EXIT), use(Capability.EXIT)), List.of());

    List<ManifestIssue> undeclared = SandboxCheck.check(r, List.of(), SandboxProfile.STANDARD);
    List<ManifestIssue> declared = SandboxCheck.check(r, List.of(Capability.EXIT), SandboxProfile.STANDARD);

    assertThat(undeclared).singleElement().satisfies(i -> {
      assertThat(i.code()).isEqualTo("AUDIT_CAPABILITY_UNDECLARED");
      assertThat(i.message()).contains("com.acme.X.run line 7 (lib/x.jar) calls java/lang/System.exit(I)V")
          .contains("and 1 more call sites");
    });
    assertThat(declared).isEmpty();
  }

  @Test
  void check_declaredButUnused_isAWarning_andUnreadableClassesAreErrors() {
    List<ManifestIssue> issues =
        SandboxCheck.check(report(List.of(), List.of("lib/x.jar!/A.class: bad")), List.of(Capability.NETWORK),
            SandboxProfile.STRICT);

    assertThat(issues).extracting(ManifestIssue::code, ManifestIssue::severity).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("AUDIT_CLASS_UNREADABLE", Severity.ERROR),
        org.assertj.core.groups.Tuple.tuple("AUDIT_CAPABILITY_UNUSED", Severity.WARNING));
  }

  @Test
  void check_dynamic_warnsUnderStandard_refusesUnderStrict_isSilentUnderTrustedOrWhenDeclared() {
    CapabilityReport r = report(List.of(use(Capability.DYNAMIC)), List.of());

    assertThat(SandboxCheck.check(r, List.of(), SandboxProfile.STANDARD)).extracting(ManifestIssue::code)
        .containsExactly("AUDIT_DYNAMIC_REFLECTION");
    assertThat(SandboxCheck.check(r, List.of(Capability.DYNAMIC), SandboxProfile.STRICT)).extracting(ManifestIssue::code)
        .containsExactly("AUDIT_DYNAMIC_REFUSED");
    assertThat(SandboxCheck.check(r, List.of(), SandboxProfile.TRUSTED)).isEmpty();
    assertThat(SandboxCheck.check(r, List.of(Capability.DYNAMIC), SandboxProfile.STANDARD)).isEmpty();
  }
}
