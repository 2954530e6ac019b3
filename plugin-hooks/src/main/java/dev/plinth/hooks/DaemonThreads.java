package dev.plinth.hooks;

import java.security.AccessController;
import java.security.PrivilegedAction;

/**
 * Creates the dispatcher's long-lived threads so that they keep no plugin loader reachable,
 * whichever thread starts them: no inherited thread-locals, this module's context loader, and,
 * on JDKs before 24, none of the creating stack's access-control context, whose protection domains
 * would hold the loader of any plugin frame on that stack (a host service a plugin calls may
 * dispatch, and start a thread there).
 */
final class DaemonThreads {
  private static final ClassLoader OWN = DaemonThreads.class.getClassLoader();

  private DaemonThreads() {}

  @SuppressWarnings("removal")
  static Thread create(Runnable body, String name) {
    return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
      Thread t = new Thread(null, body, name, 0, false);
      t.setDaemon(true);
      t.setContextClassLoader(OWN);
      return t;
    });
  }
}
