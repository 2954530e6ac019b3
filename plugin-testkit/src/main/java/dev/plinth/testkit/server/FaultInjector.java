package dev.plinth.testkit.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a sequence of {@link Fault}s into WireMock stubs chained through one scenario: each
 * request that gets a bounded fault moves the scenario on, and once every fault is used up no
 * fault stub matches and the content stub answers. Guarded by the {@link ReleaseServer}'s lock.
 */
final class FaultInjector {
  private final WireMockServer wireMock;
  private final Routes routes;
  private final Set<StubMapping> active = new LinkedHashSet<>();
  private int scenarios;

  FaultInjector(WireMockServer wireMock, Routes routes) {
    this.wireMock = wireMock;
    this.routes = routes;
  }

  List<StubMapping> inject(String pathRegex, List<Fault> faults) {
    if (faults.isEmpty()) {
      throw invalid("faults must not be empty: " + pathRegex, "Pass at least one Fault.");
    }
    for (int i = 0; i < faults.size() - 1; i++) {
      if (faults.get(i).times() == Fault.ALWAYS) {
        throw invalid("fault unbounded before the last: " + faults.get(i),
            "Give every fault but the last a times(n).");
      }
    }
    String scenario = "plinth-fault-" + (++scenarios);
    String state = Scenario.STARTED;
    int step = 0;
    List<StubMapping> created = new ArrayList<>();
    for (Fault fault : faults) {
      int repeats = fault.times() == Fault.ALWAYS ? 1 : fault.times();
      for (int r = 0; r < repeats; r++) {
        String next = fault.times() == Fault.ALWAYS ? null : scenario + "-" + (++step);
        for (ScenarioMappingBuilder request : requests(pathRegex, fault, scenario, state, next)) {
          created.add(wireMock.stubFor(request));
        }
        state = next == null ? state : next;
      }
    }
    active.addAll(created);
    return created;
  }

  private List<ScenarioMappingBuilder> requests(String pathRegex, Fault fault, String scenario,
      String state, @Nullable String next) {
    List<ScenarioMappingBuilder> out = new ArrayList<>();
    if (fault instanceof Fault.Status s) {
      out.add(scenarioStub(any(urlPathMatching(pathRegex)).inScenario(scenario), state, next)
          .willReturn(statusResponse(s)));
      return out;
    }
    Fault.Body body = (Fault.Body) fault;
    Map<String, Routes.Content> served = routes.matching(pathRegex);
    if (served.isEmpty()) {
      throw invalid("path regex matches nothing served: " + pathRegex,
          "Publish the asset first; a body fault needs the body it delivers badly.");
    }
    served.forEach((path, content) -> out.add(
        scenarioStub(any(urlPathEqualTo(path)).inScenario(scenario), state, next)
            .willReturn(bodyResponse(body, content))));
    return out;
  }

  private static ScenarioMappingBuilder scenarioStub(
      ScenarioMappingBuilder b, String state, @Nullable String next) {
    b = b.whenScenarioStateIs(state).atPriority(Routes.FAULT_PRIORITY);
    return next == null ? b : b.willSetStateTo(next);
  }

  private static ResponseDefinitionBuilder statusResponse(Fault.Status s) {
    ResponseDefinitionBuilder r = aResponse().withStatus(s.status())
        .withHeader("Content-Type", "application/json").withBody(s.body());
    s.headers().forEach(r::withHeader);
    return r;
  }

  private static ResponseDefinitionBuilder bodyResponse(Fault.Body f, Routes.Content c) {
    ResponseDefinitionBuilder r = aResponse().withStatus(200)
        .withHeader("Content-Type", c.contentType());
    return switch (f.kind()) {
      case FIXED_DELAY -> r.withBody(c.body()).withFixedDelay(f.millis());
      case DRIBBLE -> r.withBody(c.body()).withChunkedDribbleDelay(f.chunks(), f.millis());
      case MALFORMED_CHUNK -> r.withFault(com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK);
      case SHORT_BODY -> r.withHeader("Content-Length", Integer.toString(c.body().length + 4096))
          .withBody(c.body());
      case CORRUPT -> r.withBody(corrupt(c.body()));
      case CONNECTION_RESET -> r.withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER);
    };
  }

  private static byte[] corrupt(byte[] body) {
    byte[] copy = body.clone();
    if (copy.length == 0) {
      return new byte[] {0};
    }
    copy[copy.length / 2] ^= 0x5a;
    return copy;
  }

  void remove(List<StubMapping> stubs) {
    for (StubMapping s : stubs) {
      if (active.remove(s)) {
        wireMock.removeStub(s);
      }
    }
  }

  void removeAll() {
    remove(List.copyOf(active));
    wireMock.resetScenarios();
  }

  private static TestkitException invalid(String message, String nextStep) {
    return new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID, message, nextStep);
  }
}
