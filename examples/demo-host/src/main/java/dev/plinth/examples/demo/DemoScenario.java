package dev.plinth.examples.demo;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookScope;
import dev.plinth.examples.host.AgentRunner;
import dev.plinth.examples.host.DemoHost;
import dev.plinth.examples.host.HostTools;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.SignatureVerdict;
import dev.plinth.installer.events.EventQuery;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.runtime.LoadState;
import dev.plinth.runtime.PluginStatus;
import dev.plinth.runtime.slo.PluginSlo;
import dev.plinth.runtime.slo.SloReport;
import dev.plinth.testkit.bundle.ArchiveAttack;
import dev.plinth.testkit.bundle.HostileArchives;
import dev.plinth.testkit.server.ReleaseServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The demo's steps against a running {@link DemoHost}, each printing what happened and checking
 * that it is what should happen. Not thread-safe.
 */
final class DemoScenario {
  private static final String SECRET = "AKIAIOSFODNN7EXAMPLE";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** An observer of agent runs that prints nothing. */
  private static final AgentRunner.Observer QUIET = new AgentRunner.Observer() {
    @Override
    public void dispatched(HookPoint<?> point, DispatchResult<?> result) {}

    @Override
    public void step(String text) {}
  };

  private final DemoConsole console;
  private final DemoHost host;
  private final DemoReleases releases;
  private final ReleaseServer server;
  /** The last dispatch result of each hook point, by point name. */
  private final Map<String, DispatchResult<?>> lastDispatch = new java.util.HashMap<>();

  DemoScenario(DemoConsole console, DemoHost host, DemoReleases releases, ReleaseServer server) {
    this.console = console;
    this.host = host;
    this.releases = releases;
    this.server = server;
  }

  void installExamples() {
    for (String label : List.of("hello", "redactor 1.0.0", "guard", "isolated_lib")) {
      InstallOutcome o = install(label);
      String id = o.pluginId();
      console.check(o instanceof InstallOutcome.Installed, id + " installed");
      Optional<SignatureVerdict> verdict = host.plugins().info(id).map(PluginStatus::signature);
      verdict.ifPresent(v -> console.indented("signature  " + describe(v), 2));
      console.check(verdict.map(v -> v.verified() && v.mode().equals("require")).orElse(false),
          id + " signature verified under the require policy");
      console.check(host.plugins().info(id).map(s -> s.loadState() == LoadState.STARTED).orElse(false), id + " started");
    }
  }

  void preflightRefusal() {
    String archive = releases.archives.get("hello 2.0.0");
    InstallOutcome o = install("hello 2.0.0");
    int requests = server.requestCount(".*" + Pattern.quote(archive));
    console.line("archive requests for " + archive + ": " + requests);
    console.check(o instanceof InstallOutcome.Failed f && f.phase() == Phase.PREFLIGHT
            && f.cause().message().contains("HOST_VERSION_MISMATCH"),
        "refused at preflight" + cause(o).map(c -> " with " + c.code() + " (HOST_VERSION_MISMATCH)").orElse(""));
    console.check(requests == 0, "preflight refused before download (0 archive requests)");
    console.check(host.plugins().info("hello").map(s -> "1.0.0".equals(s.currentVersion())).orElse(false),
        "hello 1.0.0 still installed and serving");
  }

  void hostileRefusal() {
    Path escape = Path.of(HostileArchives.ESCAPE_FILE);
    boolean existedBefore = Files.exists(escape);
    InstallOutcome o = install("hostile");
    console.check(o instanceof InstallOutcome.Failed f && f.phase() == Phase.EXTRACT,
        "hostile archive refused at extract" + cause(o).map(c -> " with " + c.code()).orElse(""));
    if (!existedBefore) {
      console.check(!Files.exists(escape), "nothing written outside staging (" + escape + " does not exist)");
    }
    String id = ArchiveAttack.DOT_DOT_TRAVERSAL.pluginId();
    console.check(host.plugins().info(id).map(s -> s.currentVersion() == null).orElse(true),
        id + " left nothing installed");
  }

  void isolatedLibrary() {
    String hostCopy = hostCommonsLang();
    String pluginCopy = host.tools().call("isolated_lib_version", Map.of()).output();
    console.line("host   sees " + hostCopy);
    console.line("plugin sees " + pluginCopy);
    console.check(pluginCopy != null && pluginCopy.contains("3.12.0"), "the plugin runs its bundled commons-lang3 3.12.0");
    console.check(!hostCopy.contains("3.12.0"), "the host keeps its own commons-lang3");
  }

  void agentRun() {
    console.line("inbound slack message: \"Show me the deploy config and clean the build folder\"");
    AgentRunner.RunResult run = host.agent().run("Show me the deploy config and clean the build folder", observer());
    console.line("");
    console.line("delivered answer:");
    console.indented(String.valueOf(run.delivered()), 2);
    AgentRunner.ToolStep cat = run.tools().get(0);
    AgentRunner.ToolStep rm = run.tools().get(1);
    console.check("guard".equals(rm.blockedBy()), "guard blocked `rm -rf` before it ran");
    console.check(!cat.output().contains(SECRET) && cat.output().contains("[REDACTED]"),
        "redactor 1.0.0 replaced the secrets with [REDACTED]");
    console.check(run.delivered() != null && !run.delivered().contains(SECRET), "no secret reached the answer");
  }

  /**
   * A plugin whose handlers hang: the dispatcher cuts each one off at its {@code timeout_ms}; under
   * {@code failure = "open"} the chain goes on without it, under {@code "closed"} the call is blocked.
   * The plugin is uninstalled afterwards, which releases its stuck handlers.
   */
  void hookTimeouts() {
    InstallOutcome installed = install("stall");
    console.check(installed instanceof InstallOutcome.Installed, "stall installed");
    HookScope scope = HookScope.of("run-timeouts");

    console.line("tool call `cat deploy.env`: stall's audit upload hangs at tool.post_exec (failure = open)");
    AgentRunner.ToolStep audit = host.agent().tool(HostTools.SHELL, Map.of("command", "cat deploy.env"), "call-t1", 0,
        scope, observer());
    console.check(lastReceipt("tool.post_exec", "stall").map(r -> r.status() == ReceiptStatus.TIMEOUT && r.stillRunning())
            .orElse(false), "stall's receipt at tool.post_exec says timeout (cut off at 250 ms, still running)");
    console.check(lastReceipt("tool.post_exec", "redactor").map(r -> r.status() == ReceiptStatus.OK).orElse(false)
            && audit.output().contains("[REDACTED]") && !audit.output().contains(SECRET),
        "fail-open: the chain went on and the redactor still redacted the output");

    console.line("tool call `./deploy.sh prod`: stall's change-calendar check hangs at tool.pre_exec (failure = closed)");
    AgentRunner.ToolStep deploy = host.agent().tool(HostTools.SHELL, Map.of("command", "./deploy.sh prod"), "call-t2", 1,
        scope, observer());
    console.check(lastReceipt("tool.pre_exec", "stall").map(r -> r.status() == ReceiptStatus.TIMEOUT).orElse(false),
        "stall's receipt at tool.pre_exec says timeout");
    console.check("stall".equals(deploy.blockedBy()) && lastReceipt("tool.pre_exec", "guard").isEmpty(),
        "fail-closed: the call was blocked by stall and the chain stopped (guard never ran)");

    InstallOutcome removed = host.plugins().uninstall("stall", true);
    console.indented("=> " + describe(removed), 2);
    console.check(removed instanceof InstallOutcome.Uninstalled, "stall uninstalled");
    Optional<PlinthEvent> unloaded = host.plugins().events(EventQuery.all()).stream()
        .filter(e -> e.type().equals("unloaded") && "stall".equals(e.pluginId())).reduce((a, b) -> b);
    console.check(unloaded.map(e -> Boolean.FALSE.equals(e.detail().get("leaked"))).orElse(false),
        "stopping stall released its stuck handlers: its loader was collected (leaked=false)");
  }

  void upgrade() {
    InstallOutcome o = install("redactor 1.1.0");
    console.check(o instanceof InstallOutcome.Upgraded u && u.to().equals("1.1.0"), "redactor upgraded 1.0.0 -> 1.1.0");
    String output = readDeployEnv();
    console.check(output.contains("[REDACTED:aws_access_key]") && output.contains("[REDACTED:custom]"),
        "redactor 1.1.0 labels each secret with its kind");
  }

  void failedUpgrade() {
    InstallOutcome o = install("redactor 1.2.0");
    console.check(o instanceof InstallOutcome.RolledBack r && r.phase() == Phase.HEALTH,
        "upgrade to 1.2.0 rolled back at HEALTH" + cause(o).map(c -> " (" + c.code() + ")").orElse(""));
    Optional<PluginStatus> status = host.plugins().info("redactor");
    console.line("redactor now: " + status.map(s -> s.currentVersion() + ", " + s.loadState()).orElse("?")
        + ", kept versions " + status.map(PluginStatus::versions).orElse(List.of()));
    console.check(status.map(s -> "1.1.0".equals(s.currentVersion()) && s.loadState() == LoadState.STARTED).orElse(false),
        "redactor 1.1.0 is current and started again");
    console.check(readDeployEnv().contains("[REDACTED:aws_access_key]"), "redactor 1.1.0 is serving again");
  }

  void auditTrail() {
    List<String> entries = host.auditTrail();
    entries.forEach(e -> console.line(e));
    console.check(entries.stream().anyMatch(e -> e.startsWith("guard: blocked shell")),
        "the guard noted its block through the host's AuditTrail service");
  }

  void doctor() {
    var report = host.plugins().doctor();
    console.indented(report.toText().stripTrailing(), 0);
    console.check(report.plugins().size() >= 4, "doctor reports every installed plugin");
  }

  void lastEvents(int n) {
    List<PlinthEvent> events = host.plugins().events(EventQuery.all());
    for (PlinthEvent e : events.subList(Math.max(0, events.size() - n), events.size())) {
      console.line(String.format(Locale.ROOT, "%s  %-18s %-14s %-7s %s", TIME.format(e.time()), e.type(),
          e.pluginId(), e.version(), summary(e.detail())));
    }
    console.check(events.stream().anyMatch(e -> e.type().equals("rolled_back")), "the event log holds the rollback");
  }

  // ---- helpers ----

  private InstallOutcome install(String label) {
    String source = releases.sources.get(label);
    console.line("install " + source);
    // The operator acknowledges what each example declares (isolated_lib: the capabilities its code uses).
    InstallRequest request = InstallRequest.of(source).withEnable(true).withAcknowledgePermissions(true);
    InstallOutcome o = host.plugins().install(request, new ProgressListener() {
      @Override
      public void phaseFinished(Phase phase, String detail) {
        console.indented(String.format(Locale.ROOT, "%-9s %s", phase.jsonName(), detail), 2);
      }
    });
    console.indented("=> " + describe(o), 2);
    return o;
  }

  private String readDeployEnv() {
    AgentRunner.ToolStep step = host.agent().tool(HostTools.SHELL, Map.of("command", "cat deploy.env"), "call-9", 0,
        HookScope.of("run-2"), observer());
    console.line("tool output the model now gets:");
    console.indented(step.output(), 2);
    return step.output();
  }

  private AgentRunner.Observer observer() {
    return new AgentRunner.Observer() {
      @Override
      public void dispatched(HookPoint<?> point, DispatchResult<?> result) {
        lastDispatch.put(point.name(), result);
        console.dispatch(point, result);
      }

      @Override
      public void step(String text) {
        console.indented("> " + text, 0);
      }
    };
  }

  static String describe(InstallOutcome o) {
    // Java 17: no pattern switch yet, so the sealed cases are tested in turn.
    if (o instanceof InstallOutcome.Installed i) {
      return "installed " + i.pluginId() + " " + i.version();
    } else if (o instanceof InstallOutcome.AlreadyInstalled a) {
      return a.pluginId() + " " + a.version() + " already installed";
    } else if (o instanceof InstallOutcome.Upgraded u) {
      return "upgraded " + u.pluginId() + " " + u.from() + " -> " + u.to();
    } else if (o instanceof InstallOutcome.Downgraded d) {
      return "downgraded " + d.pluginId() + " " + d.from() + " -> " + d.to();
    } else if (o instanceof InstallOutcome.Reverted r) {
      return "reverted " + r.pluginId() + " " + r.from() + " -> " + r.to();
    } else if (o instanceof InstallOutcome.Uninstalled u) {
      return "uninstalled " + u.pluginId() + " " + u.version();
    } else if (o instanceof InstallOutcome.RolledBack r) {
      return "ROLLED BACK " + r.pluginId() + " at " + r.phase() + ": " + r.cause().code() + " " + r.cause().message()
          + (r.restoredVersion() != null ? "\n   restored " + r.pluginId() + " " + r.restoredVersion() : "");
    } else if (o instanceof InstallOutcome.Failed f) {
      return "REFUSED " + f.pluginId() + " at " + f.phase() + ": " + f.cause().code() + " " + f.cause().message()
          + "\n   next step: " + f.cause().nextStep();
    }
    return o.toString();
  }

  private static String describe(SignatureVerdict v) {
    return (v.verified() ? "verified" : "NOT verified") + "  method=" + v.method()
        + (v.identity() != null ? "  key=" + v.identity() : "")
        + (v.matchedPolicy() != null ? "  policy=\"" + v.matchedPolicy() + "\"" : "")
        + "  mode=" + v.mode() + "  enforcement=" + v.enforcement()
        + (v.warning() != null ? "  warning: " + v.warning() : "");
  }

  private Optional<HookReceipt> lastReceipt(String point, String pluginId) {
    DispatchResult<?> r = lastDispatch.get(point);
    return r == null ? Optional.empty()
        : r.receipts().stream().filter(x -> x.pluginId().equals(pluginId)).findFirst();
  }

  private static Optional<InstallOutcome.Cause> cause(InstallOutcome o) {
    if (o instanceof InstallOutcome.Failed f) {
      return Optional.of(f.cause());
    }
    return o instanceof InstallOutcome.RolledBack r ? Optional.of(r.cause()) : Optional.empty();
  }

  private static String summary(Map<String, Object> detail) {
    String s = detail.toString();
    return s.length() > 90 ? s.substring(0, 87) + "..." : s;
  }

  /** The commons-lang3 the host itself runs (a dependency of the installer), read like the plugin reads its own. */
  private static String hostCommonsLang() {
    try {
      Class<?> c = Class.forName("org.apache.commons.lang3.StringUtils");
      String version = "unknown";
      try (InputStream in = c.getResourceAsStream("/META-INF/maven/org.apache.commons/commons-lang3/pom.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          version = p.getProperty("version", version);
        }
      }
      ClassLoader cl = c.getClassLoader();
      return "commons-lang3 " + version + " (loaded by " + (cl == null ? "bootstrap" : cl.getName() != null ? cl.getName() : cl.getClass().getSimpleName()) + ")";
    } catch (ClassNotFoundException | IOException e) {
      return "no commons-lang3 (" + e.getMessage() + ")";
    }
  }

  /**
   * Runs the agent a few more times, then prints the SLO report: the redactor, held to a p95 it
   * cannot meet, burns its latency budget and fires the fast-burn alert; the Prometheus endpoint
   * serves the same calls as meters.
   */
  void sloReport() throws IOException, InterruptedException {
    for (int i = 0; i < 6; i++) {
      host.agent().run("Show me the deploy config and clean the build folder", QUIET);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    SloReport report = host.plugins().sloReport();
    while (report.plugin("redactor").map(p -> !p.burning()).orElse(true) && System.nanoTime() < deadline) {
      Thread.sleep(20); // receipts reach the SLO layer on the dispatcher's delivery thread
      report = host.plugins().sloReport();
    }
    console.indented(report.toText().stripTrailing(), 2);
    PluginSlo redactor = report.plugin("redactor").orElseThrow();
    console.check(redactor.firing().contains("slo_burn_fast/latency"),
        "redactor burns its latency budget: fast-burn alert firing (burn " + redactor.latencyBurn() + ")");
    console.check(report.plugins().stream().filter(p -> !p.pluginId().equals("redactor")).noneMatch(p -> p.burning()),
        "no other plugin fires an alert (stall's timeouts are fewer calls than an alert needs)");
    HttpResponse<String> scrape = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(host.metrics().scrapeUri()).build(), HttpResponse.BodyHandlers.ofString());
    console.line("Prometheus scrape " + host.metrics().scrapeUri() + " (redactor's hook calls):");
    scrape.body().lines().filter(l -> l.startsWith("plinth_hook_calls_total{") && l.contains("plugin=\"redactor\"")
        && !l.endsWith(" 0.0")).forEach(l -> console.indented(l, 2));
    console.check(scrape.statusCode() == 200 && scrape.body().contains("plinth_hook_latency_seconds_bucket"),
        "metrics endpoint serves the hook meters");
  }
}
