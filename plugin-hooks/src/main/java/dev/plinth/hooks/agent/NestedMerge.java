package dev.plinth.hooks.agent;

import dev.plinth.api.hook.HookMerge;
import dev.plinth.api.hook.MergeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A merge for points whose only mutable fields sit inside one component (such as
 * {@code workItem.title}): that component is merged by an inner allow-list, every other component
 * is observe-only. Field names in receipts carry the component prefix ({@code workItem.title}).
 */
final class NestedMerge<O extends Record, I> implements HookMerge<O> {
  private final String component;
  private final Function<O, I> get;
  private final BiFunction<O, I, O> with;
  private final HookMerge<I> inner;
  private final HookMerge<O> rest;

  private NestedMerge(Class<O> outer, String component, Function<O, I> get, BiFunction<O, I, O> with, HookMerge<I> inner) {
    this.component = component;
    this.get = get;
    this.with = with;
    this.inner = inner;
    this.rest = HookMerge.observeOnly(outer);
  }

  static <O extends Record, I> HookMerge<O> of(
      Class<O> outer, String component, Function<O, I> get, BiFunction<O, I, O> with, HookMerge<I> inner) {
    return new NestedMerge<>(outer, component, get, with, inner);
  }

  @Override
  public MergeResult<O> merge(O current, O proposed) {
    if (current == proposed) {
      return new MergeResult<>(current, List.of(), List.of());
    }
    I base = get.apply(current);
    MergeResult<I> nested = inner.merge(base, get.apply(proposed));
    // Every other component is compared with the nested one held equal, so only they are refused.
    MergeResult<O> others = rest.merge(current, with.apply(proposed, base));
    List<String> refused = new ArrayList<>(others.refusedFields());
    nested.refusedFields().forEach(f -> refused.add(component + "." + f));
    List<String> changed = new ArrayList<>(nested.changedFields().size());
    nested.changedFields().forEach(f -> changed.add(component + "." + f));
    O data = nested.mutated() ? with.apply(current, nested.data()) : current;
    return new MergeResult<>(data, changed, refused);
  }
}
