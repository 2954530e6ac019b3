package dev.plinth.examples.isolatedlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.commons.lang3.StringUtils;

/**
 * Which Commons Lang a piece of code sees, and from which class loader. A host calls
 * {@link #visibleFrom(Class)} with one of its own classes to learn its own copy.
 *
 * @param version the library's version, from its {@code pom.properties} ({@code unknown} if absent)
 * @param loader the name (or class) of the loader that defined {@code StringUtils}
 */
public record LibraryVersion(String version, String loader) {
  static final String POM_PROPERTIES = "/META-INF/maven/org.apache.commons/commons-lang3/pom.properties";

  public LibraryVersion {
    requireNonNull(version, "version");
    requireNonNull(loader, "loader");
  }

  /** The copy this plugin sees. */
  public static LibraryVersion ofPlugin() {
    return of(StringUtils.class);
  }

  /**
   * The copy of {@code org.apache.commons.lang3.StringUtils} that {@code anchor}'s loader resolves.
   *
   * @throws ClassNotFoundException when that loader cannot see Commons Lang at all
   */
  public static LibraryVersion visibleFrom(Class<?> anchor) throws ClassNotFoundException {
    return of(Class.forName("org.apache.commons.lang3.StringUtils", false, anchor.getClassLoader()));
  }

  private static LibraryVersion of(Class<?> stringUtils) {
    String version = "unknown";
    try (InputStream in = stringUtils.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        version = p.getProperty("version", version);
      }
    } catch (IOException e) {
      version = "unreadable (" + e.getMessage() + ")";
    }
    ClassLoader cl = stringUtils.getClassLoader();
    String loader = cl == null ? "bootstrap" : cl.getName() != null ? cl.getName() : cl.getClass().getSimpleName();
    return new LibraryVersion(version, loader);
  }

  @Override
  public String toString() {
    return "commons-lang3 " + version + " (loaded by " + loader + ")";
  }
}
