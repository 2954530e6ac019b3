package dev.plinth.runtime.discovery;

import dev.plinth.runtime.classloading.ServiceFile;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link java.util.ServiceLoader}'s rules for class-path providers, applied to provider-configuration
 * files that were already read: the same parsing, checks, and error messages, without opening the
 * files again through the loader. Stateless.
 */
final class ServiceFiles {
  private ServiceFiles() {}

  /**
   * The provider names of the files, in order, each once: {@code #} starts a comment, blank lines
   * are skipped, and a line must be one binary class name.
   *
   * @throws ServiceConfigurationError naming the file and line of a malformed entry
   */
  static Set<String> providerNames(Class<?> service, List<ServiceFile> files) {
    Set<String> names = new LinkedHashSet<>();
    for (ServiceFile file : files) {
      String text = file.text();
      int line = 1;
      int start = 0;
      while (start < text.length()) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
          end++;
        }
        String name = text.substring(start, end);
        int hash = name.indexOf('#');
        if (hash >= 0) {
          name = name.substring(0, hash);
        }
        name = name.trim();
        if (!name.isEmpty()) {
          check(service, file, line, name);
          names.add(name);
        }
        // A line ends at \n, \r or \r\n, as BufferedReader.readLine has it.
        start = end + (end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n' ? 2 : 1);
        line++;
      }
    }
    return names;
  }

  private static void check(Class<?> service, ServiceFile file, int line, String name) {
    if (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
      throw fail(service, file.location() + ":" + line + ": Illegal configuration-file syntax", null);
    }
    int cp = name.codePointAt(0);
    if (!Character.isJavaIdentifierStart(cp)) {
      throw fail(service, file.location() + ":" + line + ": Illegal provider-class name: " + name, null);
    }
    for (int i = Character.charCount(cp); i < name.length(); i += Character.charCount(cp)) {
      cp = name.codePointAt(i);
      if (!Character.isJavaIdentifierPart(cp) && cp != '.') {
        throw fail(service, file.location() + ":" + line + ": Illegal provider-class name: " + name, null);
      }
    }
  }

  /**
   * Loads the named provider without initialising it and returns its public no-arg constructor;
   * null for a class of a named module, which ServiceLoader skips on the class path.
   *
   * @throws ServiceConfigurationError when the class is missing, not a subtype of {@code service},
   *     or has no public no-arg constructor
   */
  static <S> @Nullable Constructor<? extends S> provider(Class<S> service, String name, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw fail(service, "Provider " + name + " not found", null);
    }
    if (type.getModule().isNamed()) {
      return null;
    }
    if (!service.isAssignableFrom(type)) {
      throw fail(service, type.getName() + " not a subtype", null);
    }
    try {
      return type.asSubclass(service).getConstructor();
    } catch (NoSuchMethodException | SecurityException e) {
      throw fail(service, type.getName() + " Unable to get public no-arg constructor", e);
    }
  }

  /** Runs the provider's constructor; any failure is a {@link ServiceConfigurationError}, as ServiceLoader's. */
  static <S> S instantiate(Class<S> service, Constructor<? extends S> ctor) {
    try {
      return ctor.newInstance();
    } catch (InvocationTargetException e) {
      throw fail(service, "Provider " + ctor.getDeclaringClass().getName() + " could not be instantiated", e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw fail(service, "Provider " + ctor.getDeclaringClass().getName() + " could not be instantiated", e);
    }
  }

  private static ServiceConfigurationError fail(Class<?> service, String message, @Nullable Throwable cause) {
    return new ServiceConfigurationError(service.getName() + ": " + message, cause);
  }
}
