package dev.plinth.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.HandlerSpec;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.ToolPostExec;
import dev.plinth.hooks.agent.ToolResult;
import dev.plinth.metrics.PlinthMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus rules under {@code examples/observability} parse, and
 * every metric they name is one the metrics module serves: names checked against a real scrape
 * of a Prometheus registry that {@link PlinthMetrics} filled from real dispatches, plus the names
 * Prometheus gives the meters that need a plugin store to appear.
 */
class ObservabilityFilesTest {
  private static final Path DIR = Path.of("..", "observability");
  private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:])plinth_[a-z0-9_]+");
  private static final Set<String> TIMERS = Set.of(PlinthMetrics.HOOK_LATENCY, PlinthMetrics.PLUGIN_START);

  @Test
  void dashboardAndRules_parseAndNameOnlyServedMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("grafana-dashboard.json").toFile());
    JsonNode rules = new YAMLMapper().readTree(DIR.resolve("prometheus-alerts.yml").toFile());

    List<String> expressions = new ArrayList<>();
    dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
    dashboard.path("templating").path("list").forEach(v -> expressions.add(v.path("query").asText()));
    rules.path("groups").forEach(g -> g.path("rules").forEach(r -> expressions.add(r.path("expr").asText())));
    assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(6);
    assertThat(rules.findValuesAsText("alert")).contains("PlinthSloBurnFast", "PlinthSloBurnSlow");

    Set<String> used = new TreeSet<>();
    for (String e : expressions) {
      Matcher m = METRIC.matcher(e);
      while (m.find()) {
        used.add(m.group());
      }
    }
    Set<String> served = served();
    assertThat(used).as("metrics the files use").hasSizeGreaterThanOrEqualTo(6).isSubsetOf(served);
  }

  /** What a real scrape shows, plus the Prometheus names of the meters it could not show here. */
  private static Set<String> served() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Set<String> names = new TreeSet<>();
    try (HookDispatcher dispatcher = HookDispatcher.builder().build();
        PlinthMetrics metrics = PlinthMetrics.bind(dispatcher, registry)) {
      dispatcher.registry().register(HandlerSpec.of("redactor", AgentHooks.TOOL_POST_EXEC, HookOptions.DEFAULTS,
          c -> HookResult.unchanged()));
      dispatcher.dispatch(AgentHooks.TOOL_POST_EXEC, sample());
      long deadline = System.nanoTime() + 10_000_000_000L;
      // the receipt reaches the meters on the dispatcher's delivery thread
      while (!registry.scrape().contains("plinth_hook_latency_seconds_count{") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
          .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
    }
    assertThat(names).contains("plinth_hook_calls_total", "plinth_hook_latency_seconds_bucket",
        "plinth_hook_latency_seconds_count", "plinth_hook_receipts_dropped_total");
    for (String meter : PlinthMetrics.METER_NAMES) {
      String base = meter.replace('.', '_');
      if (TIMERS.contains(meter)) {
        for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
          names.add(base + "_seconds" + suffix);
        }
      } else {
        names.add(base + "_total");
      }
    }
    return names;
  }

  private static ToolPostExec sample() {
    return new ToolPostExec("shell", Map.of("command", "ls"), new ToolResult(true, "ok", null), 3, 0);
  }
}
