package dev.plinth.hooks;

import java.util.function.Consumer;

/**
 * Defined again by a throwaway loader in {@link DaemonThreadsTest}: one frame of "plugin code" on
 * the stack while the runnable it is given runs.
 */
public final class HookTrampoline implements Consumer<Runnable> {
  @Override
  public void accept(Runnable body) {
    body.run();
  }
}
