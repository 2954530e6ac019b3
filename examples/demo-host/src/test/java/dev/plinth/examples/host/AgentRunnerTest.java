package dev.plinth.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.installer.trust.TrustMode;
import dev.plinth.installer.trust.TrustPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRunnerTest {
  @Test
  void run_noPlugins_meetsAllNinePointsInOrderAndNothingIsRedactedOrBlocked(@TempDir Path temp) {
    List<String> points = new ArrayList<>();
    try (DemoHost host = DemoHost.start(temp.resolve("home"), TrustPolicy.of(TrustMode.REQUIRE),
        "http://127.0.0.1:9/api", Map.of())) {
      AgentRunner.RunResult run = host.agent().run("hi", new AgentRunner.Observer() {
        @Override
        public void dispatched(HookPoint<?> point, DispatchResult<?> result) {
          assertThat(result.receipts()).isEmpty();
          if (!points.contains(point.name())) {
            points.add(point.name());
          }
        }

        @Override
        public void step(String text) {}
      });

      assertThat(points).containsExactly("work_item.pre_create", "work_item.post_create", "run.pre_prompt",
          "model.pre_call", "model.post_call", "tool.pre_exec", "tool.post_exec", "response.pre_deliver",
          "response.post_deliver");
      // Without the guard and the redactor, the host runs everything and the secret goes out.
      assertThat(run.tools()).extracting(AgentRunner.ToolStep::blockedBy).containsOnlyNulls();
      assertThat(run.delivered()).contains("AKIAIOSFODNN7EXAMPLE", "(simulated) ran: rm -rf /srv/app/build");
      assertThat(host.plugins().hostProfile().hookPoints()).hasSize(9);
    }
  }
}
