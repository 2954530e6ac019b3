package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
  @TempDir Path temp;

  private static final HostProfile HOST = HostProfile.of("Example Host", "2.3.0")
      .withApiVersion("1.0.0")
      .withJavaVersion("17.0.15")
      .withHookPoints(Set.of("tool.post_exec"))
      .withExtensionInterfaces(Set.of("com.example.host.spi.ToolProvider"))
      .withSandboxProfiles(Set.of("integration"))
      .withExportedPackages(List.of("com.example.host.spi"))
      .withInstalledPlugins(Map.of("acme_secrets", "1.2.0"));

  @Test
  void check_designExampleOnMatchingHost_isOk() {
    ManifestReport report = Preflight.check(ManifestParserTest.designExample(), HOST);

    assertThat(report.issues()).isEmpty();
    assertThat(report.ok()).isTrue();
  }

  @Test
  void check_hostWithoutVersion_isErrorNotPass() {
    ManifestReport report = Preflight.check(ManifestParserTest.designExample(), HOST.withHostVersion(null));

    assertThat(report.ok()).isFalse();
    assertThat(report.issues()).extracting(ManifestIssue::code, ManifestIssue::field, ManifestIssue::message)
        .containsExactly(tuple("HOST_VERSION_UNKNOWN", "host.version",
            "host.version is not stated by host Example Host, so plugin.engine.host cannot be checked"));
  }

  @Test
  void check_modelBuiltInCode_isRevalidated() {
    PluginManifest bad = new PluginManifest("Bad Id", "1.0", "x", "", List.of(), null,
        PluginManifest.Engine.NONE, new PluginManifest.Runtime(null, List.of("/abs"), List.of()), Map.of(),
        new PluginManifest.Contributes(List.of(), List.of(), List.of("Scan!")), List.of(),
        PluginManifest.Permissions.NONE, Map.of());

    ManifestReport report = Preflight.check(bad, HOST);

    assertThat(report.manifestOrNull()).isSameAs(bad);
    assertThat(ManifestCasesTest.pairs(report.issues())).containsExactly(
        "MANIFEST_ID_INVALID plugin.id", "MANIFEST_VERSION_INVALID plugin.version",
        "PATH_TRAVERSAL plugin.runtime.classpath[0]", "TOOL_NAME_INVALID plugin.contributes.tools[0]");
  }

  @Test
  void check_mismatchMessages_nameRangeAndHostValue() {
    ManifestReport report = Preflight.checkText(
        "[plugin]\nid = \"acme_x\"\nversion = \"1.0.0\"\n[plugin.engine]\nhost = \">=3.0.0\"\njava = \">=21\"\n"
            + "[plugin.contributes]\nhooks = [\"tool.post_exce\"]\n", HOST);

    assertThat(report.issues()).extracting(ManifestIssue::code, ManifestIssue::message).containsExactly(
        tuple("HOST_VERSION_MISMATCH", "plugin.engine.host does not include host.version 2.3.0: >=3.0.0"),
        tuple("JAVA_VERSION_MISMATCH", "plugin.engine.java does not include host.java_version 17.0.15: >=21"),
        tuple("HOOK_UNKNOWN", "plugin.contributes.hooks[0] is not a hook point of Example Host: tool.post_exce"));
    assertThat(report.issues().get(2).nextStep()).startsWith("Did you mean `tool.post_exec`?");
  }

  @Test
  void check_reportWithoutModel_isReturnedUnchanged() {
    ManifestReport broken = ManifestParser.parse("[plugin\n");

    assertThat(Preflight.check(broken, HOST)).isSameAs(broken);
  }

  @Test
  void checkBundle_realJarsAndClasses_flagsHostClassesAndMissingEntries() throws IOException {
    Path root = temp.resolve("bundle");
    TestClasses.jar(root.resolve("lib/acme.jar"), "com.acme.redactor.RedactorPlugin");
    TestClasses.jar(root.resolve("lib/fat.jar"), "com.acme.Shaded", "dev.plinth.api.Plugin",
        "dev.plinth.api.PluginContext", "com.example.host.spi.ToolProvider");
    TestClasses.looseClass(root.resolve("misc/Hidden.class"), "com.example.host.spi.internal.Secret");
    PluginManifest manifest = ManifestParserTest.designExample();

    ManifestReport report = Preflight.checkBundle(root, manifest, HOST);

    assertThat(report.issues()).extracting(ManifestIssue::code, ManifestIssue::field, ManifestIssue::value)
        .containsExactlyInAnyOrder(
            tuple("CLASSPATH_ENTRY_MISSING", "plugin.runtime.classpath[1]", "classes"),
            tuple("BUNDLE_CONTAINS_HOST_CLASSES", "bundle:lib/fat.jar", "com.example.host.spi.ToolProvider"),
            tuple("BUNDLE_CONTAINS_HOST_CLASSES", "bundle:misc/Hidden.class", "com.example.host.spi.internal.Secret"));
    ManifestIssue fat = report.issues().stream().filter(i -> i.field().equals("bundle:lib/fat.jar")).findFirst().orElseThrow();
    assertThat(fat.message()).isEqualTo("bundle:lib/fat.jar carries 3 class(es) of host package(s) "
        + "com.example.host.spi, dev.plinth.api, the first: com.example.host.spi.ToolProvider");
  }

  @Test
  void checkBundle_jarClassPathLeavingBundle_isFlaggedPerToken_insideTokensAreNot() throws IOException {
    Path root = temp.resolve("cp-bundle");
    TestClasses.jar(root.resolve("lib/extra/util.jar"), "com.acme.Util");
    TestClasses.jarWithAttribute(root.resolve("lib/acme.jar"), "Class-Path",
        "extra/util.jar ../../outside.jar " + temp.resolve("elsewhere.jar").toUri() + " http://example.com/x.jar",
        "com.acme.redactor.RedactorPlugin");
    PluginManifest manifest = ManifestParser.parse("""
        [plugin]
        id = "acme_cp"
        version = "1.0.0"
        [plugin.runtime]
        classpath = ["lib/acme.jar"]
        """).orThrow();

    ManifestReport report = Preflight.checkBundle(root, manifest, HOST);

    assertThat(report.issues()).extracting(ManifestIssue::code, ManifestIssue::field, ManifestIssue::value)
        .containsExactly(
            tuple("JAR_CLASS_PATH_OUTSIDE", "bundle:lib/acme.jar", "../../outside.jar"),
            tuple("JAR_CLASS_PATH_OUTSIDE", "bundle:lib/acme.jar", temp.resolve("elsewhere.jar").toUri().toString()));
    assertThat(report.issues().get(0).message())
        .isEqualTo("bundle:lib/acme.jar has a Class-Path manifest attribute that leads outside the bundle: ../../outside.jar");
    assertThat(report.issues().get(0).nextStep()).contains("Class-Path");
  }

  @Test
  void checkBundle_jarIndexNamingJarOutsideBundle_isFlagged() throws IOException {
    Path root = temp.resolve("index-bundle");
    TestClasses.jar(root.resolve("lib/acme.jar"), "com.acme.redactor.RedactorPlugin",
        "META-INF/INDEX.LIST!JarIndex-Version: 1.0\n\nacme.jar\ncom/acme\n\n../../x.jar\ncom/x\n");
    PluginManifest manifest = ManifestParser.parse("""
        [plugin]
        id = "acme_ix"
        version = "1.0.0"
        [plugin.runtime]
        classpath = ["lib/acme.jar"]
        """).orThrow();

    ManifestReport report = Preflight.checkBundle(root, manifest, HOST);

    assertThat(report.issues()).extracting(ManifestIssue::code, ManifestIssue::field, ManifestIssue::value)
        .containsExactly(tuple("JAR_CLASS_PATH_OUTSIDE", "bundle:lib/acme.jar", "../../x.jar"));
    assertThat(report.issues().get(0).message()).contains("META-INF/INDEX.LIST");
  }

  @Test
  void checkBundle_notAFolder_isUnreadable() {
    ManifestReport report = Preflight.checkBundle(temp.resolve("absent"), ManifestParserTest.designExample(), HOST);

    assertThat(report.issues()).extracting(ManifestIssue::code, ManifestIssue::field)
        .containsExactly(tuple("BUNDLE_UNREADABLE", "bundle"));
  }

  @Test
  void checkBundle_classpathFolderOutsideBundle_doesNotCount() throws IOException {
    Files.createDirectories(temp.resolve("outside"));
    Path root = Files.createDirectories(temp.resolve("b"));
    TestClasses.jar(root.resolve("lib/a.jar"), "com.acme.A");
    PluginManifest m = ManifestParser.parse("[plugin]\nid = \"acme_x\"\nversion = \"1.0.0\"\n"
        + "[plugin.runtime]\nclasspath = [\"lib/*.jar\", \"sub/../../outside\"]\n").manifestOrNull();

    List<ManifestIssue> bundleIssues = BundleScanner.scan(root, m, HOST);

    assertThat(bundleIssues).isEmpty(); // the `..` entry is validation's PATH_TRAVERSAL, not a second issue
    assertThat(Preflight.checkBundle(root, m, HOST).issues()).extracting(ManifestIssue::code)
        .containsExactly("PATH_TRAVERSAL");
  }

  @Test
  void classFile_writtenForTest_isLoadableAndReadBack() throws Exception {
    byte[] bytes = TestClasses.classFile("com.acme.Probe");

    Class<?> loaded = new ClassLoader(null) {
      Class<?> define() {
        return defineClass("com.acme.Probe", bytes, 0, bytes.length);
      }
    }.define();

    assertThat(loaded.getName()).isEqualTo("com.acme.Probe");
    assertThat(ClassFiles.declaredName(bytes)).contains("com.acme.Probe");
    assertThat(ClassFiles.declaredName("not a class".getBytes())).isEmpty();
  }
}
