package dev.plinth.benchmarks.manifest;

import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.Preflight;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * What it costs to parse and fully validate a realistic {@code plugin.toml} (the DESIGN.md example
 * plus a config schema), against the baseline of tomlj parsing the same text alone: the ratio is
 * the validator's overhead. A third benchmark adds preflight against a host profile.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar ManifestBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ManifestBenchmark {
  static final String FULL = """
      [plugin]
      id = "acme_redactor"
      version = "1.4.2"
      name = "Acme Redactor"
      description = "Redacts secrets from tool output"
      authors = ["Acme <oss@acme.example>", "Jane Doe <jane@acme.example>"]
      license = "Apache-2.0"

      [plugin.engine]
      host = ">=2.1.0 <3.0.0"
      api = "^1.0"
      java = ">=17"

      [plugin.runtime]
      entry = "com.acme.redactor.RedactorPlugin"
      classpath = ["lib/*.jar", "classes"]
      exports = ["com.acme.redactor.api"]

      [plugin.dependencies]
      acme_secrets = ">=1.0.0 <2.0.0"
      acme_audit = "^0.4.1"

      [plugin.contributes]
      hooks = ["tool.pre_exec", "tool.post_exec"]
      extensions = ["com.example.host.spi.ToolProvider"]
      tools = ["acme_redactor_scan", "acme_redactor_fix"]

      [[plugin.hooks]]
      point = "tool.post_exec"
      priority = 100
      timeout_ms = 500
      failure = "open"

      [[plugin.hooks]]
      point = "tool.pre_exec"
      priority = -10
      timeout_ms = 1500
      failure = "closed"

      [plugin.permissions]
      network = ["api.acme.example", "*.acme.io"]
      secrets = ["ACME_API_KEY"]
      filesystem = { read = ["${data_dir}"], write = ["${data_dir}/out"] }
      spawn = false
      profile = "integration"

      [plugin.config_schema]
      type = "object"
      required = ["endpoint"]

      [plugin.config_schema.properties.endpoint]
      type = "string"
      format = "uri"

      [plugin.config_schema.properties.retries]
      type = "integer"
      minimum = 0
      """;

  private final HostProfile host = HostProfile.of("Example Host", "2.3.0")
      .withApiVersion("1.0.0")
      .withJavaVersion("17.0.15")
      .withHookPoints(Set.of("tool.pre_exec", "tool.post_exec"))
      .withExtensionInterfaces(Set.of("com.example.host.spi.ToolProvider"))
      .withSandboxProfiles(Set.of("integration"))
      .withExportedPackages(List.of("com.example.host.spi"))
      .withInstalledPlugins(Map.of("acme_secrets", "1.2.0", "acme_audit", "0.4.3"));

  /** Baseline: tomlj parsing the same text, with no model and no checks. */
  @Benchmark
  public TomlParseResult tomljParseOnly() {
    return Toml.parse(FULL);
  }

  /** Subject: parse, build the model and run every validation rule. */
  @Benchmark
  public ManifestReport parseAndValidate() {
    ManifestReport report = ManifestParser.parse(FULL);
    if (!report.ok()) {
      throw new IllegalStateException("benchmark manifest must be valid: " + report.issues());
    }
    return report;
  }

  /** Subject plus compatibility against a host profile (what an install's preflight phase runs). */
  @Benchmark
  public ManifestReport parseValidateAndPreflight() {
    return Preflight.checkText(FULL, host);
  }
}
