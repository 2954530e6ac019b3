package dev.plinth.hooks;

import dev.plinth.api.hook.HookMerge;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookResult;
import java.util.Objects;

/** Points used across the tests: one gate (blockable) and one observer (not blockable). */
final class TestPoints {
  /** Handlers may change {@code text}, never {@code tag}. */
  record Msg(String text, String tag) {
    Msg {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(tag, "tag");
    }

    Msg withText(String text) {
      return new Msg(text, tag);
    }
  }

  static final HookPoint<Msg> GATE =
      HookPoint.builder("test.gate", Msg.class)
          .blockable(true)
          .merge(HookMerge.allowFields(Msg.class, "text"))
          .build();

  static final HookPoint<Msg> OBSERVE =
      HookPoint.builder("test.observe", Msg.class)
          .merge(HookMerge.allowFields(Msg.class, "text"))
          .build();

  static final Msg HELLO = new Msg("hello", "t1");

  /** Appends a marker to the text, so the order of handlers shows in the final data. */
  static dev.plinth.api.hook.HookHandler<Msg> append(String marker) {
    return ctx -> HookResult.proceed(ctx.data().withText(ctx.data().text() + marker));
  }

  private TestPoints() {}
}
