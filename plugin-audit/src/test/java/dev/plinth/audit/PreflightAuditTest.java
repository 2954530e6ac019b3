package dev.plinth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.manifest.Capability;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.manifest.Preflight;
import dev.plinth.testkit.bundle.PluginBundle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflight of a bundle folder runs the audit when this module is on the class path. */
class PreflightAuditTest {
  @TempDir Path dir;

  private Path bundle(List<Capability> declared) {
    CapabilitySample sample = CapabilitySample.of(Capability.NATIVE);
    return PluginBundle.builder("natives", "1.0.0")
        .source(sample.className(), sample.source())
        .permissions(new PluginManifest.Permissions(List.of(), List.of(), List.of(), List.of(), false, null, declared))
        .writeFolder(dir.resolve("b" + declared.size()));
  }

  @Test
  void checkBundle_undeclaredNativeCall_isAnAuditError() {
    ManifestReport report = Preflight.checkBundle(bundle(List.of()), HostProfile.of("Acme", "1.0.0"));

    assertThat(report.ok()).isFalse();
    assertThat(report.errors()).extracting(ManifestIssue::code).containsExactly("AUDIT_CAPABILITY_UNDECLARED");
    assertThat(report.errors().get(0).value()).contains("java/lang/System.loadLibrary(Ljava/lang/String;)V");
  }

  @Test
  void checkBundle_declaredNativeCall_passes_andAnUnusedDeclarationWarns() {
    ManifestReport report = Preflight.checkBundle(bundle(List.of(Capability.NATIVE, Capability.NETWORK)),
        HostProfile.of("Acme", "1.0.0"), BytecodeAuditor.create());

    assertThat(report.ok()).isTrue();
    assertThat(report.warnings()).extracting(ManifestIssue::code, ManifestIssue::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AUDIT_CAPABILITY_UNUSED", "network"));
  }
}
