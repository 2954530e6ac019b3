package dev.plinth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.manifest.Capability;
import dev.plinth.manifest.CapabilityReport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jars from the build's own dependencies, found through their classes' code sources. */
class RealJarsTest {
  @TempDir Path dir;

  static Path jarOf(Class<?> type) throws URISyntaxException {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(jar.getFileName().toString()).endsWith(".jar");
    return jar;
  }

  private CapabilityReport auditAsLibrary(Class<?> type) throws IOException, URISyntaxException {
    Path lib = Files.createDirectories(dir.resolve("bundle/lib"));
    Path jar = jarOf(type);
    Files.copy(jar, lib.resolve(jar.getFileName()));
    return BytecodeAuditor.create().audit(dir.resolve("bundle"));
  }

  @Test
  void okhttp_usesNetworkAndThreads() throws Exception {
    CapabilityReport report = auditAsLibrary(okhttp3.OkHttpClient.class);

    assertThat(report.capabilities()).contains(Capability.NETWORK, Capability.THREADS);
    assertThat(report.uses(Capability.NETWORK)).anySatisfy(u -> assertThat(u.className()).startsWith("okhttp3."));
    assertThat(report.capabilities()).doesNotContain(Capability.EXIT, Capability.PROCESS, Capability.NATIVE);
    assertThat(report.unreadable()).isEmpty();
    assertThat(report.classesScanned()).isGreaterThan(100);
  }

  @Test
  void commonsCompress_usesFilesystem_neverTheNetworkOrExit() throws Exception {
    CapabilityReport report = auditAsLibrary(org.apache.commons.compress.archivers.ArchiveStreamFactory.class);

    assertThat(report.capabilities()).contains(Capability.FILESYSTEM);
    assertThat(report.uses(Capability.FILESYSTEM))
        .anySatisfy(u -> assertThat(u.className()).startsWith("org.apache.commons.compress."));
    assertThat(report.capabilities()).doesNotContain(Capability.NETWORK, Capability.EXIT, Capability.PROCESS);
    assertThat(report.unreadable()).isEmpty();
  }

  @Test
  void asm_itselfUsesNoNetworkProcessOrExit() throws Exception {
    CapabilityReport report = auditAsLibrary(org.objectweb.asm.ClassReader.class);

    assertThat(report.capabilities()).doesNotContain(Capability.NETWORK, Capability.PROCESS, Capability.EXIT,
        Capability.NATIVE, Capability.THREADS);
    assertThat(report.classesScanned()).isGreaterThan(20);
  }
}
