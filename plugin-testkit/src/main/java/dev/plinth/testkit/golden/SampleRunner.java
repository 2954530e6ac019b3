package dev.plinth.testkit.golden;

import dev.plinth.api.hook.HookScope;
import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookDispatcher;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptStatus;
import java.util.ArrayList;
import java.util.List;

/** Dispatches the author's samples and checks the plugin's receipts and the expectations. */
final class SampleRunner {
  private static final HookScope SCOPE = HookScope.of("golden");

  private final String pluginId;
  private final List<SampleDispatch<?>> samples;

  SampleRunner(String pluginId, List<SampleDispatch<?>> samples) {
    this.pluginId = pluginId;
    this.samples = List.copyOf(samples);
  }

  boolean isEmpty() {
    return samples.isEmpty();
  }

  /**
   * Runs every sample while {@code version} is current; returns one line per sample, or throws
   * {@link StepFailure} listing every sample that went wrong.
   */
  String execute(HookDispatcher hooks, String version) {
    List<String> lines = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (SampleDispatch<?> s : samples) {
      String line = run(hooks, s, version, problems);
      lines.add(line);
    }
    StepFailure.requireNone(problems);
    return String.join("; ", lines);
  }

  /** Dispatches every sample and requires that the plugin handled none of them (after uninstall). */
  String expectNoHandlers(HookDispatcher hooks) {
    List<String> problems = new ArrayList<>();
    for (SampleDispatch<?> s : samples) {
      DispatchResult<?> r = dispatch(hooks, s);
      r.receipts().stream().filter(x -> x.pluginId().equals(pluginId)).findFirst().ifPresent(x ->
          problems.add(s.point().name() + ": a receipt from " + pluginId + " after uninstall (" + x.status() + ")"));
    }
    StepFailure.requireNone(problems);
    return samples.size() + " sample(s) dispatched, no handler of " + pluginId + " left";
  }

  private <T> String run(HookDispatcher hooks, SampleDispatch<T> s, String version, List<String> problems) {
    DispatchResult<T> r = dispatch(hooks, s);
    String name = s.point().name();
    List<HookReceipt> mine = r.receipts().stream().filter(x -> x.pluginId().equals(pluginId)).toList();
    if (mine.isEmpty()) {
      problems.add(name + ": no receipt from " + pluginId + " (receipts from "
          + r.receipts().stream().map(HookReceipt::pluginId).toList() + ")");
      return name + ": no receipt";
    }
    StringBuilder line = new StringBuilder(name).append(':');
    for (HookReceipt x : mine) {
      line.append(' ').append(x.status());
      if (x.mutated()) {
        line.append(" changed=").append(x.changedFields());
      }
      if (!x.refusedFields().isEmpty()) {
        line.append(" refused=").append(x.refusedFields());
      }
      if (x.status() != ReceiptStatus.OK && x.status() != ReceiptStatus.BLOCKED) {
        problems.add(name + ": receipt " + x.status() + (x.errorMessage() == null ? "" : " (" + x.errorType() + ": " + x.errorMessage() + ")"));
      }
    }
    boolean met;
    try {
      met = s.expectation().test(version, r);
    } catch (RuntimeException e) {
      problems.add(name + ": " + s.description() + " threw " + e);
      return line.append(", ").append(s.description()).append(" threw").toString();
    }
    if (!met) {
      problems.add(name + ": " + s.description() + " not met for " + version + " (data " + r.data()
          + (r.blocked() ? ", blocked by " + r.blockedBy() : "") + ")");
    }
    return line.append(", ").append(s.description()).append(met ? " met" : " NOT met").toString();
  }

  private static <T> DispatchResult<T> dispatch(HookDispatcher hooks, SampleDispatch<T> s) {
    return hooks.dispatch(s.point(), SCOPE, s.data());
  }
}
