package dev.plinth.examples.demo;

import dev.plinth.testkit.bundle.ArchiveAttack;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.BundleFormat;
import dev.plinth.testkit.bundle.HostileArchives;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.bundle.PluginBundleBuilder;
import dev.plinth.testkit.server.PublishedRelease;
import dev.plinth.testkit.server.ReleaseAssets;
import dev.plinth.testkit.server.ReleaseServer;
import dev.plinth.testkit.signing.CosignTestKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the example plugins into bundles, signs them with the author's key and publishes them as
 * GitHub-style releases on the loopback {@link ReleaseServer}; also publishes the two releases
 * that must be refused (an incompatible one and a hostile archive). Not thread-safe.
 */
final class DemoReleases {
  static final String OWNER = "plinth-examples";
  static final String AUTHOR = "Plinth Examples";

  /** Source coordinates, by a short label the demo uses. */
  final Map<String, String> sources = new LinkedHashMap<>();
  /** Archive file names, by the same label (to count requests for them). */
  final Map<String, String> archives = new LinkedHashMap<>();
  /** The pinned public key file of the author. */
  final Path authorKey;
  /** {@code trust.toml}: the author's plugins must carry the author's signature. */
  final Path trustToml;

  private final ReleaseServer server;
  private final CosignTestKey key;
  private final Path dir;

  DemoReleases(ReleaseServer server, CosignTestKey key, Path dir) throws IOException {
    this.server = server;
    this.key = key;
    this.dir = dir;
    Path trust = Files.createDirectories(dir.resolve("trust"));
    this.authorKey = key.writePem(trust.resolve("plinth-examples.pub"));
    this.trustToml = trust.resolve("trust.toml");
    Files.writeString(trustToml, String.join("\n",
        "# Plugins from \"" + AUTHOR + "\" must be signed with their pinned key; anything else only warns.",
        "default_mode = \"warn\"",
        "",
        "[[authors]]",
        "name = \"" + AUTHOR + "\"",
        "plugins = [\"hello\", \"redactor\", \"guard\", \"isolated_lib\", \"stall\"]",
        "mode = \"require\"",
        "keys = [\"plinth-examples.pub\"]",
        ""), StandardCharsets.UTF_8);
  }

  /** Builds and publishes everything; returns one line per release for the report. */
  Map<String, String> publishAll() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    ExamplePlugins.Example hello = ExamplePlugins.unpack("hello-plugin", classes);
    ExamplePlugins.Example redactor = ExamplePlugins.unpack("redactor-plugin", classes);
    ExamplePlugins.Example guard = ExamplePlugins.unpack("guard-plugin", classes);
    ExamplePlugins.Example isolated = ExamplePlugins.unpack("isolated-lib-plugin", classes);
    ExamplePlugins.Example broken = ExamplePlugins.unpack("broken-plugin", classes);
    ExamplePlugins.Example stall = ExamplePlugins.unpack("stall-plugin", classes);
    Path lang3 = ExamplePlugins.library(ExamplePlugins.ISOLATED_LIBRARY, dir.resolve("libs"));

    Map<String, String> report = new LinkedHashMap<>();
    publish(report, "hello", "hello", signed(hello, "hello", "1.0.0", hello.manifest()), "signed");
    publish(report, "redactor 1.0.0", "redactor", signed(redactor, "redactor", "1.0.0", redactor.manifest()), "signed");
    // 1.1.0: the same classes; the release ships release.properties, which turns on kind labels.
    publish(report, "redactor 1.1.0", "redactor", signed(redactor, "redactor", "1.1.0",
        ExamplePlugins.withVersion(redactor.manifest(), "1.1.0"), "labels = kind\n"), "signed, labels each secret's kind");
    // 1.2.0: a bad build (it shipped the broken example's classes): it starts, then fails its health check.
    publish(report, "redactor 1.2.0", "redactor", signed(broken, "redactor", "1.2.0",
        ExamplePlugins.withVersion(redactor.manifest(), "1.2.0")), "signed, fails its health check");
    publish(report, "guard", "guard", signed(guard, "guard", "1.0.0", guard.manifest()), "signed");
    publish(report, "stall", "stall", signed(stall, "stall", "1.0.0", stall.manifest()),
        "signed, its handlers hang (250 ms timeouts)");
    publish(report, "isolated_lib", "isolated-lib", builder(isolated, "isolated_lib", "1.0.0", isolated.manifest())
        .library(lang3).signWith(key).writeTarGz(dir.resolve("out")), "signed, bundles " + ExamplePlugins.ISOLATED_LIBRARY);
    // hello 2.0.0 needs a 3.x host: preflight must refuse it from its plugin.toml, before download.
    publish(report, "hello 2.0.0", "hello", signed(hello, "hello", "2.0.0",
        ExamplePlugins.withHostRange(ExamplePlugins.withVersion(hello.manifest(), "2.0.0"), ">=3.0.0 <4.0.0")),
        "signed, needs host >=3.0.0 <4.0.0");
    // A stranger's release whose archive tries to write ../../../tmp/plinth-escape.txt.
    BuiltBundle hostile = HostileArchives.write(dir.resolve("hostile"), ArchiveAttack.DOT_DOT_TRAVERSAL, BundleFormat.TAR_GZ);
    PublishedRelease h = server.publishGithubRelease("mallory", "innocent-tool", "v" + hostile.version(), ReleaseAssets.of(hostile));
    sources.put("hostile", h.source());
    archives.put("hostile", hostile.fileName());
    report.put("hostile", String.format("%-44s unsigned, archive holds a ../ path", h.source()));
    return report;
  }

  private void publish(Map<String, String> report, String label, String repo, BuiltBundle b, String note) {
    PublishedRelease r = server.publishGithubRelease(OWNER, repo, "v" + b.version(), ReleaseAssets.of(b));
    sources.put(label, r.source());
    archives.put(label, b.fileName());
    report.put(label, String.format("%-44s sha256 %s..  %s", r.source(), b.sha256().substring(0, 12), note));
  }

  private BuiltBundle signed(ExamplePlugins.Example ex, String id, String version, String manifest, String... releaseProperties) {
    PluginBundleBuilder b = builder(ex, id, version, manifest);
    for (String p : releaseProperties) {
      b.resource("dev/plinth/examples/redactor/release.properties", p);
    }
    return b.signWith(key).writeTarGz(dir.resolve("out"));
  }

  private static PluginBundleBuilder builder(ExamplePlugins.Example ex, String id, String version, String manifest) {
    return PluginBundle.builder(id, version).manifestText(manifest).classes(ex.classes());
  }
}
