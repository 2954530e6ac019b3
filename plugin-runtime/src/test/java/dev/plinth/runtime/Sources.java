package dev.plinth.runtime;

import java.util.Locale;

/** Java sources of small test plugins. */
public final class Sources {
  private Sources() {}

  /** A plugin that does nothing. */
  public static String noop(String fqcn) {
    int dot = fqcn.lastIndexOf('.');
    return """
        package %s;
        public class %s implements dev.plinth.api.Plugin {}
        """.formatted(fqcn.substring(0, dot), fqcn.substring(dot + 1));
  }

  /** A plugin whose start, stop and health run the given statements. */
  public static String plugin(String fqcn, String start, String stop, String health) {
    int dot = fqcn.lastIndexOf('.');
    return """
        package %s;
        import dev.plinth.api.*;
        public class %s implements Plugin {
          public void start(PluginContext context) throws Exception { %s }
          public void stop() throws Exception { %s }
          public HealthStatus health() { %s }
        }
        """.formatted(fqcn.substring(0, dot), fqcn.substring(dot + 1), start, stop, health);
  }

  /** A Greeter provider answering "prefix name". */
  public static String greeter(String fqcn, String prefix) {
    int dot = fqcn.lastIndexOf('.');
    return """
        package %s;
        public class %s implements dev.plinth.runtime.testhost.spi.Greeter {
          public %s() { System.setProperty("plinth.test.greeter." + "%s", "constructed"); }
          public String greet(String name) { return "%s " + name; }
        }
        """.formatted(fqcn.substring(0, dot), fqcn.substring(dot + 1), fqcn.substring(dot + 1), fqcn, prefix);
  }

  /** A JDBC driver that registers itself with DriverManager when its class initialises. */
  public static String jdbcDriver(String fqcn) {
    int dot = fqcn.lastIndexOf('.');
    String simple = fqcn.substring(dot + 1);
    return """
        package %s;
        import java.sql.*;
        import java.util.Properties;
        import java.util.logging.Logger;
        public final class %s implements Driver {
          static {
            try { DriverManager.registerDriver(new %s()); } catch (SQLException e) { throw new RuntimeException(e); }
          }
          public Connection connect(String url, Properties info) { return null; }
          public boolean acceptsURL(String url) { return url.startsWith("jdbc:%s:"); }
          public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) { return new DriverPropertyInfo[0]; }
          public int getMajorVersion() { return 1; }
          public int getMinorVersion() { return 0; }
          public boolean jdbcCompliant() { return false; }
          public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
        }
        """.formatted(fqcn.substring(0, dot), simple, simple, simple.toLowerCase(Locale.ROOT));
  }
}
