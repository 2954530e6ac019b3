package dev.plinth.runtime;

import static dev.plinth.runtime.SystemFixture.assertSucceeded;
import static dev.plinth.runtime.SystemFixture.enabled;
import static dev.plinth.runtime.SystemFixture.note;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.store.BootFacts;
import dev.plinth.installer.store.IndexCheck;
import dev.plinth.installer.store.IntegrityCode;
import dev.plinth.installer.store.IntegrityReport;
import dev.plinth.runtime.lifecycle.BootReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's store keeps boot facts in each index entry; boot uses them only while they hold. */
class PluginSystemBootFactsTest {
  @TempDir Path tmp;

  @Test
  void install_writesBootFactsOfTheCommittedJars() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem system = f.open()) {
      assertSucceeded(system.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));

      BootFacts facts = system.store().checkIndex().entries().get("alpha").bootFacts();
      Path dir = system.store().currentDir("alpha").orElseThrow();

      assertThat(facts).isNotNull();
      assertThat(facts.classpath()).isNotEmpty().allSatisfy(j ->
          assertThat(Files.size(dir.resolve(j.path()))).isEqualTo(j.size()));
      assertThat(facts.classpath()).anySatisfy(j -> assertThat(j.pluginServices()).contains("com.alpha.Entry"));
    }
  }

  @Test
  void boot_jarTouchedAfterInstall_stillLoadsThroughTheFullPath() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    Path jar;
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
      Path dir = installer.store().currentDir("alpha").orElseThrow();
      jar = dir.resolve(installer.store().checkIndex().entries().get("alpha").bootFacts().classpath().get(0).path());
    }
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

    try (PluginSystem system = f.open()) {
      BootReport report = system.boot();

      assertThat(report.failed()).isEmpty();
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
    }
  }

  @Test
  void editedBootFacts_failTheEntryDigest_andBootTakesTheFullPath() throws Exception {
    SystemFixture f = new SystemFixture(tmp);
    try (PluginSystem installer = f.open()) {
      assertSucceeded(installer.install(enabled(f.noteBundle("alpha", "1.0.0", ""))));
    }
    Path index = f.home.resolve("index.json");
    String before = Files.readString(index);
    // boot_facts is ["check key",[["path",size,modified,"services text"],…]]: the first jar's services text changes
    String edited = before.replaceFirst(
        "(,\\[\"[0-9]+:[^\"]*\",\\[\\[\"[^\"]*\",[0-9]+,[0-9]+,)\"[^\"]*\"", "$1\"com.evil.Entry\\\\n\"");
    assertThat(edited).isNotEqualTo(before);
    Files.writeString(index, edited);

    try (PluginSystem system = f.open()) {
      IndexCheck check = system.store().checkIndex();
      assertThat(check.problems()).extracting(IntegrityReport.Problem::code)
          .containsExactly(IntegrityCode.INDEX_ENTRY_TAMPERED);

      BootReport report = system.boot();

      assertThat(report.failed()).isEmpty();
      assertThat(note(system)).isEqualTo("x|alpha@1.0.0");
    }
  }
}
