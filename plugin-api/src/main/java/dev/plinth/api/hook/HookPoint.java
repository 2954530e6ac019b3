package dev.plinth.api.hook;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A named place in the host where plugins may observe or change data. A host declares its points
 * once, as constants, and registers them with its plugin system; plugins name them in
 * {@code contributes.hooks}.
 *
 * <pre>{@code
 * public static final HookPoint<ModelCall> MODEL_PRE_CALL =
 *     HookPoint.builder("model.pre_call", ModelCall.class)
 *         .blockable(true)
 *         .merge(HookMerge.allowFields(ModelCall.class, "temperature", "maxTokens", "model"))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Two points are equal when their names are equal.
 *
 * @param <T> the data type, an immutable value (usually a record)
 */
@API(status = STABLE, since = "0.1")
public final class HookPoint<T> {
  private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$");

  private final String name;
  private final Class<T> type;
  private final boolean blockable;
  private final FailurePolicy defaultFailure;
  private final HookMerge<T> merge;

  private HookPoint(Builder<T> b) {
    this.name = b.name;
    this.type = b.type;
    this.blockable = b.blockable;
    this.defaultFailure =
        b.defaultFailure != null ? b.defaultFailure : (b.blockable ? FailurePolicy.CLOSED : FailurePolicy.OPEN);
    if (b.merge != null) {
      this.merge = b.merge;
    } else {
      this.merge = HookMerge.replaceAll();
    }
  }

  /**
   * Starts a point. Names are dotted lower-case words, such as {@code tool.pre_exec}.
   *
   * @throws IllegalArgumentException when the name does not match
   */
  public static <T> Builder<T> builder(String name, Class<T> type) {
    return new Builder<>(name, type);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** Whether a handler may block the operation at this point. */
  public boolean blockable() {
    return blockable;
  }

  /** Used when neither the registration nor the operator's policy names one. */
  public FailurePolicy defaultFailure() {
    return defaultFailure;
  }

  /** Folds a handler's proposed data into the current data, refusing disallowed changes. */
  public HookMerge<T> merge() {
    return merge;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HookPoint<?> other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "HookPoint[" + name + "]";
  }

  /** Builds a {@link HookPoint}; defaults: not blockable, failure by blockability, replace-all merge. */
  public static final class Builder<T> {
    private final String name;
    private final Class<T> type;
    private boolean blockable;
    private @Nullable FailurePolicy defaultFailure;
    private @Nullable HookMerge<T> merge;

    private Builder(String name, Class<T> type) {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "hook point name must be dotted lower-case words (e.g. tool.pre_exec): " + name);
      }
      this.name = name;
      this.type = type;
    }

    public Builder<T> blockable(boolean blockable) {
      this.blockable = blockable;
      return this;
    }

    public Builder<T> defaultFailure(FailurePolicy policy) {
      this.defaultFailure = requireNonNull(policy, "policy");
      return this;
    }

    public Builder<T> merge(HookMerge<T> merge) {
      this.merge = requireNonNull(merge, "merge");
      return this;
    }

    public HookPoint<T> build() {
      return new HookPoint<>(this);
    }
  }
}
