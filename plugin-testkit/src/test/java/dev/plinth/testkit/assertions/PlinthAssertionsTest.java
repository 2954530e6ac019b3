package dev.plinth.testkit.assertions;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;
import static dev.plinth.testkit.assertions.PlinthAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptStatus;
import dev.plinth.installer.Phase;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.runtime.LoadState;
import dev.plinth.runtime.PluginStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlinthAssertionsTest {
  private static final HookReceipt OK_CHANGED = new HookReceipt("tool.pre_exec", "acme_a", 1, "s", ReceiptStatus.OK,
      1000, true, List.of("toolInput"), List.of("toolName"), null, null, null, false);
  private static final HookReceipt BLOCKING = new HookReceipt("tool.pre_exec", "acme_b", 2, "s", ReceiptStatus.BLOCKED,
      1000, false, List.of(), List.of(), null, null, "no", false);
  private static final DispatchResult<String> PASSED = new DispatchResult<>("data", false, null, null, List.of(OK_CHANGED));
  private static final DispatchResult<String> BLOCKED =
      new DispatchResult<>("data", true, "acme_b", "not allowed", List.of(OK_CHANGED, BLOCKING));
  private static final InstallOutcome.Cause CAUSE =
      new InstallOutcome.Cause("HEALTH_CHECK_FAILED", "unhealthy", "fix it", Map.of());

  @Test
  void dispatchResult_passingChecks() {
    assertThat(PASSED).isNotBlocked().hasData("data").hasReceiptCount(1).hasReceiptsFrom("acme_a")
        .hasDataMatching(d -> d.startsWith("d"), "starts with d")
        .receiptFrom("acme_a").hasStatus(ReceiptStatus.OK).hasPluginId("acme_a").mutated()
        .changedFields("toolInput").refusedFields("toolName");
    assertThat(BLOCKED).isBlocked().isBlockedBy("acme_b").receiptFrom("acme_b").notMutated().refusedFields();
  }

  @Test
  void dispatchResult_failuresNameExpectedAndActual() {
    assertThatThrownBy(() -> assertThat(PASSED).isBlocked())
        .hasMessage("Expected dispatch to be blocked but it was not blocked; receipts: [acme_a OK changed=[toolInput] refused=[toolName]]");
    assertThatThrownBy(() -> assertThat(BLOCKED).isNotBlocked())
        .hasMessage("Expected dispatch not to be blocked but it was blocked by <acme_b>: not allowed");
    assertThatThrownBy(() -> assertThat(BLOCKED).isBlockedBy("acme_a"))
        .hasMessage("Expected dispatch to be blocked by <acme_a> but it was blocked by <acme_b>: not allowed");
    assertThatThrownBy(() -> assertThat(PASSED).hasData("other"))
        .hasMessageContaining("Expected dispatch data to be").hasMessageContaining("<other>").hasMessageContaining("<data>");
    assertThatThrownBy(() -> assertThat(PASSED).hasReceiptsFrom("acme_b"))
        .hasMessage("Expected receipts from [acme_b] but found receipts from [acme_a]");
    assertThatThrownBy(() -> assertThat(PASSED).receiptFrom("acme_z"))
        .hasMessageStartingWith("Expected one receipt from <acme_z> but found <0>");
    assertThatThrownBy(() -> assertThat(PASSED).hasDataMatching(d -> d.isEmpty(), "empty"))
        .hasMessage("Expected dispatch data to match <empty> but was <data>");
  }

  @Test
  void receipt_failuresNameExpectedAndActual() {
    assertThatThrownBy(() -> assertThat(OK_CHANGED).hasStatus(ReceiptStatus.TIMEOUT))
        .hasMessageStartingWith("Expected receipt status <TIMEOUT> but was <OK>");
    assertThatThrownBy(() -> assertThat(BLOCKING).mutated())
        .hasMessageStartingWith("Expected receipt of <acme_b> to show a change but it changed nothing");
    assertThatThrownBy(() -> assertThat(OK_CHANGED).notMutated())
        .hasMessage("Expected receipt of <acme_a> to show no change but it changed [toolInput]");
    assertThatThrownBy(() -> assertThat(OK_CHANGED).refusedFields())
        .hasMessage("Expected refused fields [] but were [toolName]");
    assertThatThrownBy(() -> assertThat(OK_CHANGED).hasPluginId("acme_b"))
        .hasMessage("Expected receipt from plugin <acme_b> but it was from <acme_a>");
  }

  @Test
  void installOutcome_passingChecks() {
    assertThat(new InstallOutcome.Installed("acme_a", "1.0.0")).isInstalled().isInstalled("1.0.0").succeeded();
    assertThat(new InstallOutcome.Upgraded("acme_a", "1.0.0", "2.0.0")).isUpgraded("1.0.0", "2.0.0");
    assertThat(new InstallOutcome.RolledBack("acme_a", Phase.HEALTH, CAUSE, "1.0.0"))
        .isRolledBackAt(Phase.HEALTH).isFailedAt(Phase.HEALTH).hasRestoredVersion("1.0.0").hasCauseCode("HEALTH_CHECK_FAILED");
    assertThat(new InstallOutcome.Failed("acme_a", Phase.PREFLIGHT, CAUSE)).isFailedAt(Phase.PREFLIGHT);
    assertThat(new InstallOutcome.Uninstalled("acme_a", "1.0.0", false)).isUninstalled();
  }

  @Test
  void installOutcome_failuresNameExpectedAndActual() {
    InstallOutcome rolledBack = new InstallOutcome.RolledBack("acme_a", Phase.HEALTH, CAUSE, "1.0.0");
    assertThatThrownBy(() -> assertThat(rolledBack).isUpgraded())
        .hasMessage("Expected outcome <Upgraded> but was <RolledBack> at HEALTH: HEALTH_CHECK_FAILED: unhealthy");
    assertThatThrownBy(() -> assertThat(rolledBack).isRolledBackAt(Phase.ACTIVATE))
        .hasMessageStartingWith("Expected RolledBack at phase <ACTIVATE> but it was rolled back at <HEALTH>");
    assertThatThrownBy(() -> assertThat(rolledBack).hasRestoredVersion("0.9.0"))
        .hasMessage("Expected restored version <0.9.0> but was <1.0.0>");
    assertThatThrownBy(() -> assertThat(new InstallOutcome.Installed("acme_a", "1.0.0")).isFailedAt(Phase.VERIFY))
        .hasMessageStartingWith("Expected a failure at phase <VERIFY> but was <Installed>");
    assertThatThrownBy(() -> assertThat(new InstallOutcome.Installed("acme_a", "1.0.0")).isInstalled("2.0.0"))
        .hasMessage("Expected Installed version <2.0.0> but was <1.0.0>");
    assertThatThrownBy(() -> assertThat(new InstallOutcome.Upgraded("acme_a", "1.0.0", "2.0.0")).isUpgraded("1.0.0", "3.0.0"))
        .hasMessage("Expected Upgraded <1.0.0 -> 3.0.0> but was <1.0.0 -> 2.0.0>");
  }

  @Test
  void pluginStatus_passingAndFailing() {
    PluginStatus started = status(true, LoadState.STARTED, null);
    PluginStatus failed = status(true, LoadState.FAILED, "START_FAILED boom");
    assertThat(started).isEnabled().isStarted().hasCurrentVersion("1.0.0");

    assertThatThrownBy(() -> assertThat(failed).isStarted())
        .hasMessage("Expected plugin <acme_a> load state <STARTED> but was <FAILED>, last error: START_FAILED boom");
    assertThatThrownBy(() -> assertThat(status(false, LoadState.NOT_LOADED, null)).isEnabled())
        .hasMessage("Expected plugin <acme_a> to be enabled but it was disabled (load state NOT_LOADED)");
    assertThatThrownBy(() -> assertThat(started).hasCurrentVersion("2.0.0"))
        .hasMessage("Expected plugin <acme_a> current version <2.0.0> but was <1.0.0> (kept versions [1.0.0])");
    assertThatThrownBy(() -> assertThat(started).isDisabled())
        .hasMessage("Expected plugin <acme_a> to be disabled but it was enabled (load state STARTED)");
  }

  @Test
  void events_passingAndFailing() {
    Map<String, Object> detail = new LinkedHashMap<>();  // ordered, so the message below is stable
    detail.put("phase", "health");
    detail.put("store_changed", true);
    List<PlinthEvent> events = List.of(
        PlinthEvent.of("installed", "acme_a", "1.0.0", "tx1", Map.of("from", "")),
        PlinthEvent.of("rolled_back", "acme_a", "2.0.0", "tx2", detail));

    assertThat(events).containsEvent("installed").containsEventFor("rolled_back", "acme_a")
        .containsEventFor("rolled_back", "acme_a", Map.of("phase", "health", "store_changed", "true"))
        .doesNotContainEvent("uninstalled").doesNotContainEventFor("installed", "acme_b").hasSize(2);
    assertThatEvents(events).containsEvent("rolled_back");

    assertThatThrownBy(() -> assertThat(events).containsEventFor("rolled_back", "acme_a", Map.of("phase", "commit")))
        .hasMessage("Expected an event <rolled_back> for <acme_a> with detail {phase=commit} but found only "
            + "[rolled_back(acme_a@2.0.0) {phase=health, store_changed=true}]; all event types: [installed, rolled_back]");
    assertThatThrownBy(() -> assertThat(events).containsEvent("auto_disabled"))
        .hasMessage("Expected an event <auto_disabled> but found no <auto_disabled> event; all event types: [installed, rolled_back]");
    assertThatThrownBy(() -> assertThat(events).doesNotContainEvent("installed"))
        .hasMessage("Expected no <installed> event but found [installed(acme_a@1.0.0) {from=}]");
  }

  private static PluginStatus status(boolean enabled, LoadState state, String lastError) {
    return new PluginStatus("acme_a", "1.0.0", List.of("1.0.0"), enabled, true, state, lastError, null, null, false);
  }
}
