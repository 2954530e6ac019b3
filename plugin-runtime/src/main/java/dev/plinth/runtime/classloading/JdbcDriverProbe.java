package dev.plinth.runtime.classloading;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Defined inside a plugin's loader (never used from the host's), so that {@link DriverManager}
 * shows it the drivers that loader registered. Uses only JDK classes.
 */
final class JdbcDriverProbe {
  private JdbcDriverProbe() {}

  static List<String> drivers(ClassLoader owner, boolean deregister) {
    List<String> out = new ArrayList<>();
    for (Driver d : DriverManager.drivers().toList()) {
      if (d.getClass().getClassLoader() != owner) {
        continue;
      }
      out.add(d.getClass().getName());
      if (deregister) {
        try {
          DriverManager.deregisterDriver(d);
        } catch (SQLException | RuntimeException e) {
          // The name is still reported; the leak check will show the driver if it stays.
        }
      }
    }
    return out;
  }
}
