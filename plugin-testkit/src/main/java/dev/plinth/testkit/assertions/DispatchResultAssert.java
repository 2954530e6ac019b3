package dev.plinth.testkit.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.HookReceipt;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/** Assertions on a {@link DispatchResult}; made by {@link PlinthAssertions#assertThat(DispatchResult)}. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DispatchResultAssert<T> extends AbstractAssert<DispatchResultAssert<T>, DispatchResult<T>> {

  DispatchResultAssert(DispatchResult<T> actual) {
    super(actual, DispatchResultAssert.class);
  }

  /** The chain was blocked. */
  public DispatchResultAssert<T> isBlocked() {
    isNotNull();
    if (!actual.blocked()) {
      failWithMessage("Expected dispatch to be blocked but it was not blocked; receipts: %s", Receipts.summary(actual.receipts()));
    }
    return this;
  }

  /** The chain ran to its end without a block. */
  public DispatchResultAssert<T> isNotBlocked() {
    isNotNull();
    if (actual.blocked()) {
      failWithMessage("Expected dispatch not to be blocked but it was blocked by <%s>: %s", actual.blockedBy(), actual.blockReason());
    }
    return this;
  }

  /** The chain was blocked by this plugin. */
  public DispatchResultAssert<T> isBlockedBy(String pluginId) {
    isNotNull();
    if (!actual.blocked() || !pluginId.equals(actual.blockedBy())) {
      failWithMessage("Expected dispatch to be blocked by <%s> but %s", pluginId,
          actual.blocked() ? "it was blocked by <" + actual.blockedBy() + ">: " + actual.blockReason() : "it was not blocked");
    }
    return this;
  }

  /** The final data equals the expected value. */
  public DispatchResultAssert<T> hasData(T expected) {
    isNotNull();
    if (!Objects.equals(actual.data(), expected)) {
      failWithActualExpectedAndMessage(actual.data(), expected,
          "Expected dispatch data to be%n  <%s>%nbut was%n  <%s>", expected, actual.data());
    }
    return this;
  }

  /** The final data satisfies the predicate, described for the failure message. */
  public DispatchResultAssert<T> hasDataMatching(Predicate<? super T> predicate, String description) {
    isNotNull();
    if (!predicate.test(actual.data())) {
      failWithMessage("Expected dispatch data to match <%s> but was <%s>", description, actual.data());
    }
    return this;
  }

  /** The final data passes the given AssertJ requirements. */
  public DispatchResultAssert<T> hasDataSatisfying(Consumer<? super T> requirements) {
    isNotNull();
    Assertions.assertThat(actual.data()).satisfies(requirements::accept);
    return this;
  }

  /** Exactly this many receipts (one per handler that was called or skipped). */
  public DispatchResultAssert<T> hasReceiptCount(int expected) {
    isNotNull();
    if (actual.receipts().size() != expected) {
      failWithMessage("Expected <%s> receipts but found <%s>: %s", expected, actual.receipts().size(),
          Receipts.summary(actual.receipts()));
    }
    return this;
  }

  /** Receipts from these plugins, in this order (the dispatch order). */
  public DispatchResultAssert<T> hasReceiptsFrom(String... pluginIds) {
    isNotNull();
    List<String> got = actual.receipts().stream().map(HookReceipt::pluginId).toList();
    if (!got.equals(List.of(pluginIds))) {
      failWithMessage("Expected receipts from %s but found receipts from %s", List.of(pluginIds), got);
    }
    return this;
  }

  /** Switches to the receipt of the one handler of this plugin. */
  public HookReceiptAssert receiptFrom(String pluginId) {
    isNotNull();
    List<HookReceipt> mine = actual.receipts().stream().filter(r -> r.pluginId().equals(pluginId)).toList();
    if (mine.size() != 1) {
      failWithMessage("Expected one receipt from <%s> but found <%s>: %s", pluginId, mine.size(),
          Receipts.summary(actual.receipts()));
    }
    return new HookReceiptAssert(mine.get(0));
  }

  /** Switches to a list assertion over every receipt. */
  public ListAssert<HookReceipt> receipts() {
    isNotNull();
    return Assertions.assertThat(actual.receipts());
  }
}
