package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per manifest check of the seed catalogue (see {@code docs/seed-parity.md}): the smallest
 * manifest that breaks it, the host it is checked against (null: validation only), and the code and
 * field Plinth must report. Each row also has a mended manifest that must not report that code.
 */
class SeedParityTest {
  private static final String HEAD = "[plugin]\nid = \"acme_x\"\nversion = \"1.0.0\"\n";

  record Row(String check, String broken, String mended, @Nullable String host, String code, String field) {
    @Override
    public String toString() {
      return check + " -> " + code + " " + field;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row("IdInvalid", "[plugin]\nid = \"Bad-Id\"\nversion = \"1.0.0\"\n", HEAD, null,
            "MANIFEST_ID_INVALID", "plugin.id"),
        new Row("VersionInvalid", "[plugin]\nid = \"acme_x\"\nversion = \"abc\"\n", HEAD, null,
            "MANIFEST_VERSION_INVALID", "plugin.version"),
        new Row("MinVersionMismatch", HEAD + "[plugin.engine]\nhost = \">=9.0.0\"\n",
            HEAD + "[plugin.engine]\nhost = \">=2.0.0\"\n", "standard", "HOST_VERSION_MISMATCH", "plugin.engine.host"),
        new Row("ToolNamespaceViolation", HEAD + "[plugin.contributes]\ntools = [\"lead_classify\"]\n",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_lead_classify\"]\n", null,
            "TOOL_NAMESPACE_VIOLATION", "plugin.contributes.tools[0]"),
        new Row("PathTraversal", HEAD + "[plugin.runtime]\nclasspath = [\"../../etc\"]\n",
            HEAD + "[plugin.runtime]\nclasspath = [\"lib/*.jar\"]\n", null, "PATH_TRAVERSAL", "plugin.runtime.classpath[0]"),
        new Row("PathAbsoluteForbidden", HEAD + "[plugin.runtime]\nclasspath = [\"/etc/secrets\"]\n",
            HEAD + "[plugin.runtime]\nclasspath = [\"classes\"]\n", null, "PATH_TRAVERSAL", "plugin.runtime.classpath[0]"),
        new Row("DeferredNotInExpose",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_a\"]\ndeferred_tools = [\"acme_x_ghost\"]\n",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_a\", \"acme_x_ghost\"]\ndeferred_tools = [\"acme_x_ghost\"]\n",
            null, "TOOL_DEFERRED_NOT_EXPOSED", "plugin.contributes.deferred_tools[0]"),
        new Row("OutboundNotExposed",
            HEAD + "[[plugin.tools]]\nname = \"acme_x_out\"\ninput_schema = { type = \"object\" }\n",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_out\"]\n[[plugin.tools]]\nname = \"acme_x_out\"\n"
                + "input_schema = { type = \"object\" }\n", null, "TOOL_NOT_EXPOSED", "plugin.tools[0].name"),
        new Row("OutboundInvalidSchema (empty)",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_out\"]\n[[plugin.tools]]\nname = \"acme_x_out\"\ninput_schema = {}\n",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_out\"]\n[[plugin.tools]]\nname = \"acme_x_out\"\n"
                + "input_schema = { type = \"object\" }\n", null, "TOOL_SCHEMA_INVALID", "plugin.tools[0].input_schema"),
        new Row("OutboundInvalidSchema (not an object schema)",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_out\"]\n[[plugin.tools]]\nname = \"acme_x_out\"\n"
                + "input_schema = { type = \"string\" }\n",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_out\"]\n[[plugin.tools]]\nname = \"acme_x_out\"\n"
                + "input_schema = { type = \"object\" }\n", null, "TOOL_SCHEMA_INVALID", "plugin.tools[0].input_schema.type"),
        new Row("OutboundInvalidSchema (missing)",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_out\"]\n[[plugin.tools]]\nname = \"acme_x_out\"\n",
            HEAD + "[plugin.contributes]\ntools = [\"acme_x_out\"]\n[[plugin.tools]]\nname = \"acme_x_out\"\n"
                + "input_schema = { type = \"object\" }\n", null, "TOOL_SCHEMA_INVALID", "plugin.tools[0].input_schema"),
        new Row("PluginConfigInvalidSchema", HEAD + "[plugin.config_schema]\ntype = \"array\"\n",
            HEAD + "[plugin.config_schema]\ntype = \"object\"\n", null, "CONFIG_SCHEMA_INVALID", "plugin.config_schema.type"),
        new Row("PluginConfigInvalidSchema (empty)", HEAD + "[plugin.config_schema]\n",
            HEAD + "[plugin.config_schema]\ntype = \"object\"\n", null, "CONFIG_SCHEMA_INVALID", "plugin.config_schema.type"),
        new Row("AdminUiInvalid (form enum without choices)",
            HEAD + "[plugin.config_schema]\ntype = \"object\"\n[plugin.config_schema.properties.mode]\ntype = \"string\"\nenum = []\n",
            HEAD + "[plugin.config_schema]\ntype = \"object\"\n[plugin.config_schema.properties.mode]\ntype = \"string\"\n"
                + "enum = [\"fast\"]\n", null, "CONFIG_SCHEMA_INVALID", "plugin.config_schema.properties.mode.enum"),
        new Row("AdminUiInvalid (form default of the wrong type)",
            HEAD + "[plugin.config_schema]\ntype = \"object\"\n[plugin.config_schema.properties.n]\ntype = \"integer\"\n"
                + "default = \"3\"\n",
            HEAD + "[plugin.config_schema]\ntype = \"object\"\n[plugin.config_schema.properties.n]\ntype = \"integer\"\n"
                + "default = 3\n", null, "CONFIG_SCHEMA_INVALID", "plugin.config_schema.properties.n.default"),
        new Row("DuplicateGateEnvVar", HEAD + "[plugin.permissions]\nsecrets = [\"ACME_KEY\", \"ACME_KEY\"]\n",
            HEAD + "[plugin.permissions]\nsecrets = [\"ACME_KEY\"]\n", null, "DUPLICATE_ENTRY", "plugin.permissions.secrets[1]"),
        new Row("NameEmpty", HEAD + "name = \"\"\n", HEAD + "name = \"Acme X\"\n", null, "MANIFEST_FIELD_EMPTY", "plugin.name"),
        new Row("DescriptionEmpty", HEAD + "description = \" \"\n", HEAD + "description = \"Does x\"\n", null,
            "MANIFEST_FIELD_EMPTY", "plugin.description"),
        new Row("SupervisorMaxAttemptsZero", HEAD + "[plugin.crash_guard]\nmax_failures = 0\n",
            HEAD + "[plugin.crash_guard]\nmax_failures = 1\n", null, "CRASH_GUARD_OUT_OF_RANGE",
            "plugin.crash_guard.max_failures"),
        new Row("SupervisorBackoffMsBelowFloor", HEAD + "[plugin.crash_guard]\nwindow_ms = 0\n",
            HEAD + "[plugin.crash_guard]\nwindow_ms = 1000\n", null, "CRASH_GUARD_OUT_OF_RANGE",
            "plugin.crash_guard.window_ms"),
        new Row("SupervisorBackoffMsExceedsCap", HEAD + "[plugin.crash_guard]\nwindow_ms = 86400001\n",
            HEAD + "[plugin.crash_guard]\nwindow_ms = 86400000\n", null, "CRASH_GUARD_OUT_OF_RANGE",
            "plugin.crash_guard.window_ms"),
        new Row("SupervisorStderrTailExceedsCap (failure count cap)", HEAD + "[plugin.crash_guard]\nmax_failures = 101\n",
            HEAD + "[plugin.crash_guard]\nmax_failures = 100\n", null, "CRASH_GUARD_OUT_OF_RANGE",
            "plugin.crash_guard.max_failures"),
        new Row("ExtendsIdInvalid", HEAD + "[plugin.contributes]\nhooks = [\"Tool-Exec\"]\n",
            HEAD + "[plugin.contributes]\nhooks = [\"tool.pre_exec\"]\n", null, "HOOK_POINT_INVALID",
            "plugin.contributes.hooks[0]"),
        new Row("ExtendsDuplicate", HEAD + "[plugin.contributes]\nhooks = [\"tool.pre_exec\", \"tool.pre_exec\"]\n",
            HEAD + "[plugin.contributes]\nhooks = [\"tool.pre_exec\"]\n", null, "DUPLICATE_ENTRY",
            "plugin.contributes.hooks[1]"),
        new Row("ExtendsCrossListConflict",
            HEAD + "[plugin.contributes]\nhooks = [\"com.acme.scan\"]\nextensions = [\"com.acme.scan\"]\n",
            HEAD + "[plugin.contributes]\nhooks = [\"com.acme.scan\"]\nextensions = [\"com.acme.Scanner\"]\n", null,
            "CONTRIBUTION_CONFLICT", "plugin.contributes.extensions[0]"),
        new Row("SandboxAllowlistTouchesDenylist (equals)", HEAD + "[plugin.permissions]\nnetwork = [\"169.254.169.254\"]\n",
            HEAD + "[plugin.permissions]\nnetwork = [\"api.acme.example\"]\n", "standard", "NETWORK_HOST_DENIED",
            "plugin.permissions.network[0]"),
        new Row("SandboxAllowlistTouchesDenylist (covers)", HEAD + "[plugin.permissions]\nnetwork = [\"*.google.internal\"]\n",
            HEAD + "[plugin.permissions]\nnetwork = [\"storage.googleapis.com\"]\n", "standard", "NETWORK_HOST_DENIED",
            "plugin.permissions.network[0]"),
        new Row("SandboxAllowlistTouchesDenylist (inside a denied zone)",
            HEAD + "[plugin.permissions]\nnetwork = [\"vault.corp.internal\"]\n",
            HEAD + "[plugin.permissions]\nnetwork = [\"vault.acme.example\"]\n", "standard", "NETWORK_HOST_DENIED",
            "plugin.permissions.network[0]"),
        new Row("SandboxRelativePath (absolute path is the ambiguous one here)",
            HEAD + "[plugin.permissions]\nfilesystem = { read = [\"/var/lib/acme\"] }\n",
            HEAD + "[plugin.permissions]\nfilesystem = { read = [\"${data_dir}/acme\"] }\n", null, "PATH_TRAVERSAL",
            "plugin.permissions.filesystem.read[0]"),
        new Row("SandboxInvalidStateDirInterpolation (unknown variable)",
            HEAD + "[plugin.permissions]\nfilesystem = { read = [\"${state_dir}\"] }\n",
            HEAD + "[plugin.permissions]\nfilesystem = { read = [\"${data_dir}\"] }\n", null, "PATH_VARIABLE_INVALID",
            "plugin.permissions.filesystem.read[0]"),
        new Row("SandboxInvalidStateDirInterpolation (misplaced)",
            HEAD + "[plugin.permissions]\nfilesystem = { write = [\"out/${data_dir}\"] }\n",
            HEAD + "[plugin.permissions]\nfilesystem = { write = [\"${data_dir}/out\"] }\n", null, "PATH_VARIABLE_INVALID",
            "plugin.permissions.filesystem.write[0]"),
        new Row("SandboxInvalidStateDirInterpolation (unclosed)",
            HEAD + "[plugin.permissions]\nfilesystem = { write = [\"${data_dir\"] }\n",
            HEAD + "[plugin.permissions]\nfilesystem = { write = [\"${data_dir}\"] }\n", null, "PATH_VARIABLE_INVALID",
            "plugin.permissions.filesystem.write[0]"),
        new Row("SandboxHostNetworkWithoutCapability", HEAD + "[plugin.permissions]\nnetwork = [\"*\"]\n",
            HEAD + "[plugin.permissions]\nnetwork = [\"api.acme.example\"]\n", "standard",
            "NETWORK_UNRESTRICTED_NOT_ALLOWED", "plugin.permissions.network[0]"),
        new Row("nitejar: scaffolded permissions = [] instead of a table", HEAD + "permissions = []\n",
            HEAD + "[plugin.permissions]\n", null, "MANIFEST_FIELD_TYPE", "plugin.permissions"),
        new Row("nitejar: hook point outside the host's set", HEAD + "[plugin.contributes]\nhooks = [\"model.pre_call\"]\n",
            HEAD + "[plugin.contributes]\nhooks = [\"tool.pre_exec\"]\n", "standard", "HOOK_UNKNOWN",
            "plugin.contributes.hooks[0]"),
        new Row("nitejar: entry must be a loadable entry",
            HEAD + "[plugin.runtime]\nentry = \"dist/index.js\"\n",
            HEAD + "[plugin.runtime]\nentry = \"com.acme.x.XPlugin\"\n", null, "CLASS_NAME_INVALID", "plugin.runtime.entry"),
        new Row("nitejar: hook timeout bounded", HEAD + "[plugin.contributes]\nhooks = [\"tool.pre_exec\"]\n"
                + "[[plugin.hooks]]\npoint = \"tool.pre_exec\"\ntimeout_ms = 0\n",
            HEAD + "[plugin.contributes]\nhooks = [\"tool.pre_exec\"]\n[[plugin.hooks]]\npoint = \"tool.pre_exec\"\n"
                + "timeout_ms = 1500\n", null, "HOOK_TIMEOUT_OUT_OF_RANGE", "plugin.hooks[0].timeout_ms"),
        new Row("nitejar: fail policy is open or closed", HEAD + "[plugin.contributes]\nhooks = [\"tool.pre_exec\"]\n"
                + "[[plugin.hooks]]\npoint = \"tool.pre_exec\"\nfailure = \"fail_open\"\n",
            HEAD + "[plugin.contributes]\nhooks = [\"tool.pre_exec\"]\n[[plugin.hooks]]\npoint = \"tool.pre_exec\"\n"
                + "failure = \"open\"\n", null, "HOOK_FAILURE_INVALID", "plugin.hooks[0].failure"),
        new Row("nitejar: engine range readable", HEAD + "[plugin.engine]\nhost = \"garbage\"\n",
            HEAD + "[plugin.engine]\nhost = \">=2.0.0\"\n", null, "VERSION_RANGE_INVALID", "plugin.engine.host"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void seedCheck_brokenManifest_reportsItsCodeAtItsField(Row row) {
    List<ManifestIssue> issues = report(row.broken(), row.host()).issues();

    assertThat(issues).as("issues of %s", row.check())
        .anySatisfy(i -> {
          assertThat(i.code()).isEqualTo(row.code());
          assertThat(i.field()).isEqualTo(row.field());
          assertThat(i.isError()).isTrue();
          assertThat(i.message()).startsWith(row.field() + " ");
          assertThat(i.nextStep()).isNotBlank();
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void seedCheck_mendedManifest_isOk(Row row) {
    ManifestReport report = report(row.mended(), row.host());

    assertThat(report.issues()).as("issues of the mended %s", row.check())
        .noneMatch(i -> i.code().equals(row.code()));
    assertThat(report.ok()).as("mended %s: %s", row.check(), report.issues()).isTrue();
  }

  private static ManifestReport report(String toml, @Nullable String host) {
    ManifestReport parsed = ManifestParser.parse(toml);
    return host == null ? parsed : Preflight.check(parsed, ManifestCasesTest.hostProfile(host));
  }
}
