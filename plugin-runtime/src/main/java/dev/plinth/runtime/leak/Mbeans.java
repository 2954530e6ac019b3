package dev.plinth.runtime.leak;

import java.util.ArrayList;
import java.util.List;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanRegistrationException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * The MBeans a loader's classes implement, in the MBean servers the JVM has already created (the
 * platform server among them, once anything asked for it; none is created here). Kept apart from
 * {@link LeakDetector} so that a JVM without {@code java.management} only fails here.
 */
final class Mbeans {
  private Mbeans() {}

  /** Unregisters the MBeans of {@code loader}'s classes; returns their canonical names. */
  static List<String> unregister(ClassLoader loader) {
    List<String> out = new ArrayList<>();
    for (MBeanServer server : MBeanServerFactory.findMBeanServer(null)) {
      for (ObjectName name : server.queryNames(null, null)) {
        try {
          if (server.getClassLoaderFor(name) == loader) {
            out.add(name.getCanonicalName());
            server.unregisterMBean(name);
          }
        } catch (InstanceNotFoundException | MBeanRegistrationException | RuntimeException gone) {
          // unregistered meanwhile, or its preDeregister refused: nothing more to do here
        }
      }
    }
    return out;
  }
}
