package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install-time index is written with every change of a current version and never trusted blindly. */
class IndexFileTest {
  @TempDir Path tmp;

  @Test
  void install_commit_writesEntryWithParsedManifestAndDigests() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.AUTO);

    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));

    IndexCheck check = store.checkIndex();
    assertThat(check.problems()).isEmpty();
    IndexEntry e = check.entries().get("alpha");
    assertThat(e.version()).isEqualTo("1.0.0");
    assertThat(e.manifest()).isEqualTo(dev.plinth.manifest.ManifestParser.parse(
        store.currentDir("alpha").orElseThrow().resolve("plugin.toml")).orThrow());
    assertThat(e.manifestSha256()).isEqualTo(TreeDigest.sha256(store.currentDir("alpha").orElseThrow().resolve("plugin.toml")));
    assertThat(e.treeSha256()).isEqualTo(InstallRecord.read(store.currentDir("alpha").orElseThrow()).orElseThrow().treeSha256());
    assertThat(Files.readString(fx.home.resolve("index.json"))).contains("\"index_version\":5", "\"manifest_shape\":\"" + IndexFormat.SHAPE + "\"",
        "\"alpha\":[\"1.0.0\",\"" + e.treeSha256() + "\",\"" + e.manifestSha256() + "\"," + e.manifestSize() + ","
            + e.manifestModified() + ",\"" + e.manifestStamp() + "\",\"", "[\"alpha\",\"1.0.0\",");
  }

  @Test
  void entry_richManifest_roundTripsThroughTheIndexUnchanged() throws Exception {
    String toml = """
        [plugin]
        id = "acme_redactor"
        version = "1.4.2"
        name = "Acme Redactor"
        description = "Redacts secrets"
        authors = ["Acme <oss@acme.example>"]
        license = "Apache-2.0"

        [plugin.engine]
        host = ">=2.1.0 <3.0.0"
        java = ">=17"

        [plugin.runtime]
        entry = "com.acme.redactor.RedactorPlugin"
        classpath = ["lib/*.jar", "classes"]
        exports = ["com.acme.redactor.api"]
        activation = "lazy"

        [plugin.dependencies]
        acme_secrets = ">=1.0.0 <2.0.0"

        [plugin.contributes]
        hooks = ["tool.post_exec"]
        extensions = ["com.example.host.spi.ToolProvider"]
        tools = ["acme_redactor_scan"]

        [[plugin.hooks]]
        point = "tool.post_exec"
        priority = 100
        timeout_ms = 500
        failure = "open"

        [plugin.permissions]
        network = ["api.acme.example"]
        secrets = ["ACME_API_KEY"]
        filesystem = { read = ["${data_dir}"], write = ["${data_dir}"] }

        [plugin.config_schema]
        type = "object"
        required = ["level"]
        properties = { level = { type = "integer", minimum = 1, maximum = 9 }, ratio = { type = "number", default = 0.5 } }
        """;
    dev.plinth.manifest.PluginManifest m = dev.plinth.manifest.ManifestParser.parse(toml).orThrow();
    IndexEntry e = new IndexEntry(m.id(), m.version(), "tree", "sha", 42, 1_700_000_000_000L, m);

    byte[] bytes = IndexFormat.encode(java.util.Map.of(m.id(), e));
    IndexFormat.Raw raw = IndexFormat.parse(bytes).get(m.id());

    assertThat(IndexFormat.decode(m.id(), raw)).isEqualTo(e);
    // The digest covers the manifest's bytes as they stand in the file: one byte changed is refused.
    String changed = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("Redacts secrets", "Redacts secretz");
    IndexFormat.Raw tampered = IndexFormat.parse(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(m.id());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IndexFormat.decode(m.id(), tampered))
        .hasMessageContaining("entry checksum");
  }

  @Test
  void parse_wellFormedManifestThatDoesNotBind_isTamperedAndTheNextEntryStillReads() throws Exception {
    dev.plinth.manifest.PluginManifest a = dev.plinth.manifest.ManifestParser.parse(
        "[plugin]\nid = \"alpha\"\nversion = \"1.0.0\"\nauthors = [\"A\"]\n[plugin.runtime]\nentry = \"a.A\"\n").orThrow();
    dev.plinth.manifest.PluginManifest b = dev.plinth.manifest.ManifestParser.parse(
        "[plugin]\nid = \"beta\"\nversion = \"2.0.0\"\n[plugin.runtime]\nentry = \"b.B\"\n").orThrow();
    IndexEntry ea = new IndexEntry("alpha", "1.0.0", "tree", "sha", 1, 2, a);
    IndexEntry eb = new IndexEntry("beta", "2.0.0", "tree", "sha", 3, 4, b);
    String json = new String(IndexFormat.encode(java.util.Map.of("alpha", ea, "beta", eb)),
        java.nio.charset.StandardCharsets.UTF_8);
    // Still JSON, but authors is no longer a list of strings: the manifest cannot bind.
    String broken = json.replace("\"alpha\",\"\",[\"A\"]", "\"alpha\",\"\",{\"x\":[1,{\"y\":2}]}");
    assertThat(broken).isNotEqualTo(json);

    java.util.Map<String, IndexFormat.Raw> raw = IndexFormat.parse(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IndexFormat.decode("alpha", raw.get("alpha")))
        .hasMessageContaining("entry checksum");
    assertThat(raw.get("alpha").bindError()).isNotNull();
    assertThat(IndexFormat.decode("beta", raw.get("beta"))).isEqualTo(eb);
  }

  @Test
  void currentVersions_strayFileAndFolderWithoutPointer_areNotPlugins() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.POINTER_FILE);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Files.writeString(fx.home.resolve("plugins/beta"), "not a folder");
    Files.createDirectories(fx.home.resolve("plugins/gamma/versions/1.0.0"));

    IndexCheck check = store.checkIndex();

    assertThat(check.current()).containsExactly(java.util.Map.entry("alpha", "1.0.0"));
    assertThat(check.problems()).isEmpty();
    assertThat(check.entries()).containsOnlyKeys("alpha");
  }

  @Test
  void stamp_copiedHome_isTrustedAfterReadingPointers_andRefreshRecordsTheNewStamps() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.AUTO);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    IndexCheck original = store.checkIndex();
    assertThat(original.needsRefresh()).isFalse();
    String stamp = original.entries().get("alpha").manifestStamp();
    assertThat(stamp).isNotNull();
    Path copy = tmp.resolve("copy");
    copyTree(fx.home, copy);

    PluginStore copied = PluginStore.builder().home(copy).stager(fx.stager).activator(fx.activator)
        .hostProfile(() -> dev.plinth.manifest.HostProfile.of("test-host", "1.0.0")).build();
    IndexCheck check = copied.checkIndex();

    // New inodes: the stat through the link cannot vouch for the entry, the pointer read does.
    assertThat(check.problems()).isEmpty();
    assertThat(check.entries()).containsKey("alpha");
    assertThat(check.current()).containsEntry("alpha", "1.0.0");
    assertThat(check.restamp()).containsExactly("alpha");
    assertThat(check.needsRefresh()).isTrue();

    copied.refreshIndex(); // (the store's first locked operation may already have rewritten it)
    IndexCheck after = copied.checkIndex();
    assertThat(after.needsRefresh()).isFalse();
    assertThat(after.entries().get("alpha").manifestStamp()).isNotNull().isNotEqualTo(stamp);
  }

  @Test
  void stamp_linkSwappedOutOfBandToAVersionWithTheSameSizeAndTime_isStale() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));
    Path v1 = fx.home.resolve("plugins/alpha/versions/1.0.0/plugin.toml");
    Path v2 = fx.home.resolve("plugins/alpha/versions/2.0.0/plugin.toml");
    assertThat(Files.size(v1)).isEqualTo(Files.size(v2));
    Files.setLastModifiedTime(v1, Files.getLastModifiedTime(v2));
    assertThat(store.checkIndex().entries().get("alpha").version()).isEqualTo("2.0.0");

    // Size and time alone would take 1.0.0's file for the entry's: the stamp tells them apart.
    Path link = fx.home.resolve("plugins/alpha/current");
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("versions/1.0.0"));
    IndexCheck check = store.checkIndex();

    assertThat(check.current()).containsEntry("alpha", "1.0.0");
    assertThat(check.entries()).doesNotContainKey("alpha");
    assertThat(check.problems()).extracting(IntegrityReport.Problem::code)
        .containsExactly(IntegrityCode.INDEX_ENTRY_STALE);
  }

  @Test
  void stamp_pluginTomlWrittenAgainWithTheSameSizeAndTime_isTrustedAsBeforeAndRestamped() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Path toml = fx.home.resolve("plugins/alpha/versions/1.0.0/plugin.toml");
    java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(toml);
    byte[] bytes = Files.readAllBytes(toml);
    Files.delete(toml);
    Files.write(toml, bytes);
    Files.setLastModifiedTime(toml, time);

    IndexCheck check = store.checkIndex();

    assertThat(check.problems()).isEmpty();
    assertThat(check.entries()).containsKey("alpha");
    assertThat(check.restamp()).containsExactly("alpha");
  }

  @Test
  void stamp_pointerFileHome_readsEveryPointerAndNeedsNoRestamp() {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.POINTER_FILE);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));

    IndexCheck check = store.checkIndex();

    assertThat(check.problems()).isEmpty();
    assertThat(check.current()).containsEntry("alpha", "1.0.0");
    assertThat(check.entries()).containsKey("alpha");
    assertThat(check.needsRefresh()).isFalse();
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @Test
  void rollbackAndUninstall_rewriteTheIndex() {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.AUTO);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));
    assertThat(store.checkIndex().entries().get("alpha").version()).isEqualTo("2.0.0");

    store.rollback("alpha");
    assertThat(store.checkIndex().entries().get("alpha").version()).isEqualTo("1.0.0");

    store.uninstall("alpha", false, false);
    IndexCheck after = store.checkIndex();
    assertThat(after.entries()).isEmpty();
    assertThat(after.problems()).isEmpty();
  }

  @Test
  void failedUpgrade_atCommit_leavesIndexOnThePreviousVersion() {
    StoreFixture fx = new StoreFixture(tmp);
    fx.open(PointerStyle.AUTO).install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));

    PluginStore store = fx.open(PointerStyle.AUTO, FaultInjector.failAt(Phase.COMMIT));
    InstallOutcome o = store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));

    assertThat(o).isInstanceOf(InstallOutcome.RolledBack.class);
    IndexCheck check = store.checkIndex();
    assertThat(check.problems()).isEmpty();
    assertThat(check.entries().get("alpha").version()).isEqualTo("1.0.0");
  }

  @Test
  void deletedIndex_isReportedThenRebuiltWhenTheStoreOpens() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.AUTO);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Files.delete(fx.home.resolve("index.json"));

    assertThat(store.checkIndex().problems()).extracting(IntegrityReport.Problem::code)
        .containsExactly(IntegrityCode.INDEX_MISSING);
    assertThat(StoreIntegrity.check(fx.home).problems()).extracting(IntegrityReport.Problem::code)
        .contains(IntegrityCode.INDEX_MISSING);

    PluginStore reopened = fx.open(PointerStyle.AUTO);
    assertThat(reopened.checkIndex().problems()).isEmpty();
    assertThat(reopened.checkIndex().entries()).containsKey("alpha");
  }

  @Test
  void entry_everyManifestComponentSet_roundTripsAsArrays() throws Exception {
    // Each array-shaped record with none of its components at its default, so a component written
    // in the wrong place, or one too many, changes what binds back.
    dev.plinth.manifest.PluginManifest m = new dev.plinth.manifest.PluginManifest(
        "acme_all", "2.3.4", "Acme All", "Every field", java.util.List.of("A <a@example.org>", "B"), "MIT",
        new dev.plinth.manifest.PluginManifest.Engine(">=1.0.0", ">=0.1.0", ">=17"),
        new dev.plinth.manifest.PluginManifest.Runtime("com.acme.All", java.util.List.of("classes", "lib/*.jar"),
            java.util.List.of("com.acme.api"), dev.plinth.manifest.PluginManifest.Activation.LAZY),
        java.util.Map.of("acme_base", ">=1.0.0"),
        new dev.plinth.manifest.PluginManifest.Contributes(java.util.List.of("tool.pre"), java.util.List.of("com.acme.Spi"),
            java.util.List.of("acme_all_scan", "acme_all_fix"), java.util.List.of("acme_all_fix")),
        java.util.List.of(new dev.plinth.manifest.PluginManifest.HookPolicy("tool.pre", -5, 250L, "closed")),
        new dev.plinth.manifest.PluginManifest.Permissions(java.util.List.of("*.acme.example"), java.util.List.of("KEY"),
            java.util.List.of("${data_dir}/in"), java.util.List.of("${data_dir}/out"), true, "strict",
            java.util.List.of(dev.plinth.manifest.Capability.NETWORK, dev.plinth.manifest.Capability.PROCESS)),
        java.util.Map.of("type", "object"),
        java.util.List.of(new dev.plinth.manifest.PluginManifest.Tool("acme_all_scan", "Scans",
            java.util.Map.of("type", "object", "required", java.util.List.of("path")))),
        new dev.plinth.manifest.PluginManifest.CrashLimits(3, 60_000L));
    BootFacts facts = new BootFacts("1:dev.plinth.api", java.util.List.of(
        new BootFacts.Jar("lib/a.jar", 10, 20, "com.acme.All\n"), new BootFacts.Jar("classes", 0, 30, null)));
    IndexEntry e = new IndexEntry(m.id(), m.version(), "tree", "sha", 42, 7, m, facts, "1:2:3");

    byte[] bytes = IndexFormat.encode(java.util.Map.of(m.id(), e));

    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"acme_all\":[\"2.3.4\",\"tree\",\"sha\",42,7,\"1:2:3\",\"")
        .contains(",[\"acme_all\",\"2.3.4\",\"Acme All\",\"Every field\",")
        .contains(",[\"1:dev.plinth.api\",[[\"lib/a.jar\",10,20,")
        .doesNotContain("\"filesystem_read\"", "\"empty\"");
    assertThat(IndexFormat.decode(m.id(), IndexFormat.parse(bytes).get(m.id()))).isEqualTo(e);
  }

  @Test
  void indexWrittenWithOtherRecordShapes_isCorruptAndRebuilt() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.AUTO);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Path index = fx.home.resolve("index.json");
    String before = Files.readString(index);
    // As a build whose manifest records have other components would have written it.
    Files.writeString(index, before.replace(IndexFormat.SHAPE, "0123456789abcdef"));
    assertThat(Files.readString(index)).isNotEqualTo(before);

    IndexCheck check = store.checkIndex();

    assertThat(check.entries()).isEmpty();
    assertThat(check.problems()).extracting(IntegrityReport.Problem::code).containsExactly(IntegrityCode.INDEX_CORRUPT);
    assertThat(check.problems().get(0).message()).contains("manifest_shape 0123456789abcdef");
    assertThat(store.refreshIndex().written()).containsExactly("alpha");
    assertThat(Files.readString(index)).isEqualTo(before);
    assertThat(store.checkIndex().entries()).containsKey("alpha");
  }

  @Test
  void corruptIndex_isReportedAndRebuilt() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.AUTO);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Files.writeString(fx.home.resolve("index.json"), "{ not json", StandardOpenOption.TRUNCATE_EXISTING);

    List<IntegrityReport.Problem> problems = store.checkIndex().problems();
    assertThat(problems).extracting(IntegrityReport.Problem::code).containsExactly(IntegrityCode.INDEX_CORRUPT);
    // The parser's own words with where it stopped, on one line, without Jackson's source notes.
    assertThat(problems.get(0).message()).contains("at line 1, column ").doesNotContain("\n", "REDACTED", "[Source");
    IndexCheck.Rebuild r = store.rebuildIndex();

    assertThat(r.written()).containsExactly("alpha");
    assertThat(store.checkIndex().problems()).isEmpty();
    assertThat(StoreIntegrity.check(fx.home).problems()).isEmpty();
  }

  @Test
  void editedEntry_failsItsDigestAndIsNotTrusted() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.AUTO);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Path index = fx.home.resolve("index.json");
    String before = Files.readString(index);
    Files.writeString(index, before.replace("[\"alpha\",\"1.0.0\",\"alpha\"", "[\"alpha\",\"1.0.0\",\"evil\""));
    assertThat(Files.readString(index)).isNotEqualTo(before);

    IndexCheck check = store.checkIndex();

    assertThat(check.entries()).doesNotContainKey("alpha");
    assertThat(check.problems()).extracting(IntegrityReport.Problem::code)
        .containsExactly(IntegrityCode.INDEX_ENTRY_TAMPERED);
    assertThat(store.refreshIndex().written()).containsExactly("alpha");
    assertThat(store.checkIndex().entries().get("alpha").manifest().name()).isEqualTo("alpha");
  }

  @Test
  void changedPluginToml_makesTheEntryUntrusted() throws Exception {
    StoreFixture fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.AUTO);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Path toml = store.currentDir("alpha").orElseThrow().resolve("plugin.toml");
    Files.writeString(toml, Files.readString(toml) + "\n# edited\n");

    IndexCheck check = store.checkIndex();

    assertThat(check.entries()).isEmpty();
    assertThat(check.problems()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(IntegrityCode.INDEX_ENTRY_TAMPERED);
      assertThat(p.pluginId()).isEqualTo("alpha");
    });
  }
}
