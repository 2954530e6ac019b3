package dev.plinth.testkit.golden;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.hook.HookPoint;
import dev.plinth.hooks.DispatchResult;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Sample data for one hook the plugin handles, and what the result must look like. The golden run
 * dispatches it whenever it executes the plugin, requires a receipt from the plugin with status
 * {@code OK} or {@code BLOCKED}, and tests the expectation with the plugin version that is current.
 *
 * @param point the hook point
 * @param data the data to dispatch
 * @param expectation what the result must satisfy, given the current plugin version
 * @param description how reports name the expectation
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SampleDispatch<T>(HookPoint<T> point, T data, Expectation<T> expectation, String description) {

  /** What a dispatch result must satisfy while a given plugin version is current. */
  @FunctionalInterface
  public interface Expectation<T> {
    /** Whether the result is right for this plugin version. */
    boolean test(String pluginVersion, DispatchResult<T> result);
  }

  public SampleDispatch {
    requireNonNull(point, "point");
    requireNonNull(data, "data");
    requireNonNull(expectation, "expectation");
    requireNonNull(description, "description");
  }

  /** A sample whose expectation is the same for every version. */
  public static <T> SampleDispatch<T> of(HookPoint<T> point, T data, Predicate<DispatchResult<T>> expectation) {
    requireNonNull(expectation, "expectation");
    return new SampleDispatch<>(point, data, (version, result) -> expectation.test(result), "expectation");
  }

  /** A sample whose expectation depends on the plugin version, e.g. v2 changes the data differently. */
  public static <T> SampleDispatch<T> perVersion(HookPoint<T> point, T data, Expectation<T> expectation) {
    return new SampleDispatch<>(point, data, expectation, "expectation");
  }

  /** The same sample with a description for reports. */
  public SampleDispatch<T> describedAs(String text) {
    return new SampleDispatch<>(point, data, expectation, text);
  }
}
