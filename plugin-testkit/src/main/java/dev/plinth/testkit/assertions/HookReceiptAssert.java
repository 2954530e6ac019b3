package dev.plinth.testkit.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.hooks.HookReceipt;
import dev.plinth.hooks.ReceiptStatus;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link HookReceipt}; made by {@link PlinthAssertions#assertThat(HookReceipt)}. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HookReceiptAssert extends AbstractAssert<HookReceiptAssert, HookReceipt> {

  HookReceiptAssert(HookReceipt actual) {
    super(actual, HookReceiptAssert.class);
  }

  /** The handler ended with this status. */
  public HookReceiptAssert hasStatus(ReceiptStatus expected) {
    isNotNull();
    if (actual.status() != expected) {
      failWithMessage("Expected receipt status <%s> but was <%s> (%s)", expected, actual.status(), Receipts.summary(actual));
    }
    return this;
  }

  /** The handler belongs to this plugin. */
  public HookReceiptAssert hasPluginId(String expected) {
    isNotNull();
    if (!actual.pluginId().equals(expected)) {
      failWithMessage("Expected receipt from plugin <%s> but it was from <%s>", expected, actual.pluginId());
    }
    return this;
  }

  /** The handler changed the data (an allowed change was applied). */
  public HookReceiptAssert mutated() {
    isNotNull();
    if (!actual.mutated()) {
      failWithMessage("Expected receipt of <%s> to show a change but it changed nothing (%s)", actual.pluginId(), Receipts.summary(actual));
    }
    return this;
  }

  /** The handler left the data as it was. */
  public HookReceiptAssert notMutated() {
    isNotNull();
    if (actual.mutated()) {
      failWithMessage("Expected receipt of <%s> to show no change but it changed %s", actual.pluginId(), actual.changedFields());
    }
    return this;
  }

  /** Exactly these fields were changed, in any order. */
  public HookReceiptAssert changedFields(String... fields) {
    isNotNull();
    if (!sameSet(actual.changedFields(), fields)) {
      failWithMessage("Expected changed fields %s but were %s", List.of(fields), actual.changedFields());
    }
    return this;
  }

  /** Exactly these changes were refused (fields outside the point's allow-list), in any order; none when empty. */
  public HookReceiptAssert refusedFields(String... fields) {
    isNotNull();
    if (!sameSet(actual.refusedFields(), fields)) {
      failWithMessage("Expected refused fields %s but were %s", List.of(fields), actual.refusedFields());
    }
    return this;
  }

  private static boolean sameSet(List<String> got, String[] want) {
    return got.size() == want.length && got.containsAll(List.of(want));
  }
}
