package dev.plinth.testkit.assertions;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.runtime.LoadState;
import dev.plinth.runtime.PluginStatus;
import java.util.Objects;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/** Assertions on a {@link PluginStatus}; made by {@link PlinthAssertions#assertThat(PluginStatus)}. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PluginStatusAssert extends AbstractAssert<PluginStatusAssert, PluginStatus> {

  PluginStatusAssert(PluginStatus actual) {
    super(actual, PluginStatusAssert.class);
  }

  /** The plugin is enabled. */
  public PluginStatusAssert isEnabled() {
    isNotNull();
    if (!actual.enabled()) {
      failWithMessage("Expected plugin <%s> to be enabled but it was disabled (load state %s%s)", actual.id(),
          actual.loadState(), lastError());
    }
    return this;
  }

  /** The plugin is disabled. */
  public PluginStatusAssert isDisabled() {
    isNotNull();
    if (actual.enabled()) {
      failWithMessage("Expected plugin <%s> to be disabled but it was enabled (load state %s)", actual.id(), actual.loadState());
    }
    return this;
  }

  /** The plugin is loaded and started. */
  public PluginStatusAssert isStarted() {
    return hasLoadState(LoadState.STARTED);
  }

  /** The plugin is in this load state. */
  public PluginStatusAssert hasLoadState(LoadState expected) {
    isNotNull();
    if (actual.loadState() != expected) {
      failWithMessage("Expected plugin <%s> load state <%s> but was <%s>%s", actual.id(), expected, actual.loadState(), lastError());
    }
    return this;
  }

  /** This version is current ({@code null}: none is). */
  public PluginStatusAssert hasCurrentVersion(@Nullable String expected) {
    isNotNull();
    if (!Objects.equals(actual.currentVersion(), expected)) {
      failWithMessage("Expected plugin <%s> current version <%s> but was <%s> (kept versions %s)", actual.id(), expected,
          actual.currentVersion(), actual.versions());
    }
    return this;
  }

  private String lastError() {
    return actual.lastError() == null ? "" : ", last error: " + actual.lastError();
  }
}
