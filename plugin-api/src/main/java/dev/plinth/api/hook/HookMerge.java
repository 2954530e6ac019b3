package dev.plinth.api.hook;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * How a hook point folds a handler's proposed data into the current data. Points use it to limit
 * which fields handlers may change: a change to any other field is refused and reported in the
 * receipt, never applied.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface HookMerge<T> {

  MergeResult<T> merge(T current, T proposed);

  /**
   * For record data: takes the listed components from the proposed record and every other
   * component from the current one; differences in other components are refused.
   *
   * <pre>{@code
   * HookMerge<ModelCall> merge = HookMerge.allowFields(ModelCall.class, "temperature", "maxTokens", "model");
   * }</pre>
   *
   * @throws IllegalArgumentException when the type is not a record or a field is not a component
   */
  static <T extends Record> HookMerge<T> allowFields(Class<T> recordType, String... fields) {
    return new RecordFieldMerge<>(recordType, Set.of(fields));
  }

  /** Observe-only points: every change is refused. */
  static <T extends Record> HookMerge<T> observeOnly(Class<T> recordType) {
    return new RecordFieldMerge<>(recordType, Set.of());
  }

  /** Any change is accepted as a whole (for points whose data is a single value). */
  static <T> HookMerge<T> replaceAll() {
    return (current, proposed) ->
        Objects.equals(current, proposed)
            ? new MergeResult<>(current, List.of(), List.of())
            : new MergeResult<>(proposed, List.of("*"), List.of());
  }
}

/** Component-wise merge of records, built once per point. */
final class RecordFieldMerge<T extends Record> implements HookMerge<T> {
  private final RecordComponent[] components;
  private final java.lang.reflect.Method[] accessors;
  private final boolean[] allowed;
  private final Constructor<T> constructor;

  RecordFieldMerge(Class<T> type, Set<String> allowedFields) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException("hook data type must be a record: " + type.getName());
    }
    this.components = type.getRecordComponents();
    this.allowed = new boolean[components.length];
    this.accessors = new java.lang.reflect.Method[components.length];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      names.add(components[i].getName());
      allowed[i] = allowedFields.contains(components[i].getName());
      accessors[i] = components[i].getAccessor();
      accessors[i].setAccessible(true);
    }
    for (String field : allowedFields) {
      if (!names.contains(field)) {
        throw new IllegalArgumentException(
            "allowed field is not a component of " + type.getSimpleName() + ": " + field
                + " (components: " + names + ")");
      }
    }
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      this.constructor = type.getDeclaredConstructor(types);
      this.constructor.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new IllegalArgumentException("record has no canonical constructor: " + type.getName(), e);
    }
  }

  @Override
  public MergeResult<T> merge(T current, T proposed) {
    if (current == proposed) {
      return new MergeResult<>(current, List.of(), List.of());
    }
    Object[] args = new Object[components.length];
    List<String> changed = new ArrayList<>(2);
    List<String> refused = new ArrayList<>(0);
    for (int i = 0; i < components.length; i++) {
      Object now = read(i, current);
      Object next = read(i, proposed);
      if (Objects.equals(now, next)) {
        args[i] = now;
      } else if (allowed[i]) {
        args[i] = next;
        changed.add(components[i].getName());
      } else {
        args[i] = now;
        refused.add(components[i].getName());
      }
    }
    if (changed.isEmpty()) {
      return new MergeResult<>(current, List.of(), refused);
    }
    try {
      return new MergeResult<>(constructor.newInstance(args), changed, refused);
    } catch (InvocationTargetException e) {
      // The record's own validation rejected the merged value: treat every change as refused.
      List<String> all = new ArrayList<>(refused);
      all.addAll(changed);
      return new MergeResult<>(current, List.of(), all);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + constructor.getDeclaringClass().getName(), e);
    }
  }

  private Object read(int index, Object record) {
    try {
      return accessors[index].invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read record component " + components[index].getName(), e);
    }
  }
}
