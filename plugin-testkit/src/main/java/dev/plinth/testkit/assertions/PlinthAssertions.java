package dev.plinth.testkit.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookReceipt;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.runtime.PluginStatus;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Entry point for Plinth's AssertJ assertions. Static-import {@code assertThat} from here next to
 * AssertJ's own: these overloads are more specific, so the compiler picks them for Plinth types.
 * For event lists, {@link #assertThatEvents} avoids any doubt about which overload applies.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlinthAssertions {
  private PlinthAssertions() {}

  /** Assertions on a hook dispatch's result. */
  public static <T> DispatchResultAssert<T> assertThat(DispatchResult<T> actual) {
    return new DispatchResultAssert<>(actual);
  }

  /** Assertions on one handler's receipt. */
  public static HookReceiptAssert assertThat(HookReceipt actual) {
    return new HookReceiptAssert(actual);
  }

  /** Assertions on an install, upgrade, rollback or uninstall outcome. */
  public static InstallOutcomeAssert assertThat(InstallOutcome actual) {
    return new InstallOutcomeAssert(actual);
  }

  /** Assertions on a plugin's status. */
  public static PluginStatusAssert assertThat(PluginStatus actual) {
    return new PluginStatusAssert(actual);
  }

  /** Assertions on events read back from the log. */
  public static EventListAssert assertThat(List<PlinthEvent> actual) {
    return new EventListAssert(actual);
  }

  /** Same as {@link #assertThat(List)}, under a name no other {@code assertThat} can shadow. */
  public static EventListAssert assertThatEvents(List<PlinthEvent> actual) {
    return new EventListAssert(actual);
  }
}
