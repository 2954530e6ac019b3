package dev.plinth.runtime.classloading;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The text of one provider-configuration file ({@code META-INF/services/<service>}) of a plugin's
 * own classpath, as the bundle check read it.
 *
 * @param location where it was read, as the URL the plugin's loader would give for it (used in
 *     error messages, like {@link java.util.ServiceLoader}'s)
 * @param text its content, decoded as UTF-8
 */
@API(status = INTERNAL, since = "0.1")
public record ServiceFile(String location, String text) {
  public ServiceFile {
    requireNonNull(location, "location");
    requireNonNull(text, "text");
  }
}
