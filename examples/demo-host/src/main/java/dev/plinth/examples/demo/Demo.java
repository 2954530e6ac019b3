package dev.plinth.examples.demo;

import dev.plinth.installer.extract.FileTrees;
import dev.plinth.examples.host.DemoHost;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.testkit.server.ReleaseServer;
import dev.plinth.testkit.signing.CosignTestKey;
import dev.plinth.testkit.signing.TestKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end demo ({@code plinth demo}). With nothing set up beforehand it: makes a temp
 * folder; starts a release server on loopback; builds the example plugins into bundles, signs them
 * and publishes them as GitHub-style releases; writes a {@code trust.toml} that requires the
 * author's signature; starts the {@link DemoHost}; installs the examples by {@code github:}
 * coordinates; shows preflight refusing an incompatible plugin before download and extraction
 * refusing a hostile archive; runs an agent through the nine hook points with receipts; shows a
 * handler that hangs cut off at its timeout under both failure policies; upgrades
 * the redactor; shows a failed upgrade rolled back at its health check; and ends with the doctor
 * report and the last events. It deletes its temp folder at the end.
 */
public final class Demo {
  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param out where the report goes
   * @param workDir the folder in which the demo makes (and at the end deletes) its temp folder
   * @return 0 when every step did what it should, 1 otherwise
   */
  public static int run(PrintWriter out, Path workDir) {
    DemoConsole console = new DemoConsole(out);
    long started = System.nanoTime();
    Path temp;
    try {
      temp = Files.createTempDirectory(Files.createDirectories(workDir), "plinth-demo-");
    } catch (IOException e) {
      out.println("cannot create the demo's temp folder in " + workDir + ": " + e.getMessage());
      out.flush();
      return 1;
    }
    try {
      runIn(console, temp);
    } catch (Exception e) {
      console.check(false, "the demo ran to the end (stopped by " + e + ")");
    } finally {
      FileTrees.deleteRecursively(temp);
    }
    console.section("Done");
    console.check(!Files.exists(temp), "temp folder removed: " + temp);
    List<String> unexpected = console.unexpected();
    console.line(String.format(Locale.ROOT, "finished in %.1f s, %s", (System.nanoTime() - started) / 1e9,
        unexpected.isEmpty() ? "every step behaved as expected" : unexpected.size() + " unexpected results"));
    return unexpected.isEmpty() ? 0 : 1;
  }

  /** Runs the demo in the system temp folder and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = DemoConsole.stdout();
    int code = run(out, Path.of(System.getProperty("java.io.tmpdir")));
    out.flush();
    System.exit(code);
  }

  private static void runIn(DemoConsole console, Path temp) throws IOException {
    console.banner("Plinth demo: a host, six example plugins, and everything that can go wrong");
    console.line("temp folder: " + temp);

    try (ReleaseServer server = ReleaseServer.start()) {
      console.section("Publish signed releases on a loopback GitHub-style server");
      console.line("release server: " + server.apiBaseUrl());
      CosignTestKey author = TestKeys.ecdsaP256();
      DemoReleases releases = new DemoReleases(server, author, temp.resolve("releases"));
      releases.publishAll().forEach((label, line) -> console.line(line));

      console.section("Trust policy: the author's plugins must be signed with the pinned key");
      console.line(releases.trustToml + ":");
      console.indented(Files.readString(releases.trustToml, StandardCharsets.UTF_8).stripTrailing(), 2);
      TrustPolicy trust = TrustPolicy.load(releases.trustToml);

      console.section("Start the host");
      Map<String, Map<String, Object>> settings = Map.of(
          "redactor", Map.of("patterns", List.of("OPS-[0-9]{5}")),
          "guard", Map.of("deny_tools", List.of("drop_database")));
      try (DemoHost host = DemoHost.start(temp.resolve("home"), trust, server.apiBaseUrl(), settings)) {
        console.line(DemoHost.HOST.name() + " " + DemoHost.HOST.version() + ", plugin home " + host.plugins().home());
        console.line(AgentHooks.ALL.size() + " hook points, extension interface ToolProvider, host service AuditTrail");
        console.line("exports to plugins: " + String.join(", ", DemoHost.EXPORTED_PACKAGES));
        DemoScenario scenario = new DemoScenario(console, host, releases, server);

        console.section("Install the examples by github: coordinates");
        scenario.installExamples();
        console.section("Preflight refuses an incompatible plugin before downloading it");
        scenario.preflightRefusal();
        console.section("Safe extraction refuses a hostile archive");
        scenario.hostileRefusal();
        console.section("Two versions of one library, side by side");
        scenario.isolatedLibrary();
        console.section("An agent run through the nine hook points (receipts per handler)");
        scenario.agentRun();
        console.section("A hook handler that hangs is cut off at its timeout (fail-open goes on, fail-closed blocks)");
        scenario.hookTimeouts();
        console.section("Upgrade the redactor 1.0.0 -> 1.1.0");
        scenario.upgrade();
        console.section("A bad release: redactor 1.2.0 fails its health check");
        scenario.failedUpgrade();
        console.section("The host's audit trail (a host service plugins write to)");
        scenario.auditTrail();
        console.section("Doctor");
        scenario.doctor();
        console.section("Last events (" + host.plugins().home().resolve("events.jsonl").getFileName() + ")");
        scenario.lastEvents(10);
        console.section("SLOs per plugin (also: plinth slo, and Prometheus on loopback)");
        try {
          scenario.sloReport();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          console.check(false, "the SLO step ran to the end (interrupted)");
        }
      }
    }
  }
}
