package dev.plinth.runtime.testhost.spi;

import dev.plinth.api.hook.HookMerge;
import dev.plinth.api.hook.HookPoint;

/** Hook points of the test host; the package is exported, so plugins compile and link against it. */
public final class TestHooks {
  /** The data of every test point: handlers append to the text. */
  public record Note(String text) {}

  /** Offered by the host and declared by the test plugins. */
  public static final HookPoint<Note> NOTE =
      HookPoint.builder("test.note", Note.class).merge(HookMerge.allowFields(Note.class, "text")).build();

  /** Offered by the host, declared by no test plugin. */
  public static final HookPoint<Note> OTHER =
      HookPoint.builder("test.other", Note.class).merge(HookMerge.allowFields(Note.class, "text")).build();

  /** Not offered by the host. */
  public static final HookPoint<Note> UNOFFERED =
      HookPoint.builder("test.unoffered", Note.class).merge(HookMerge.allowFields(Note.class, "text")).build();

  private TestHooks() {}
}
