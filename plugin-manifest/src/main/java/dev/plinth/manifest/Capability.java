package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a plugin's bytecode can do past the host boundary. Without a SecurityManager the JVM cannot
 * stop these calls at run time, so a bundle audit finds them before the plugin runs and a {@link
 * SandboxProfile} decides which ones a plugin may use. The manifest declares the ones it needs in
 * {@code plugin.permissions.capabilities}, by {@link #id()}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Capability {
  /** Sockets, {@code HttpClient}, {@code URL.openConnection}/{@code openStream}, NIO channels. */
  NETWORK,
  /** {@code ProcessBuilder}, {@code Runtime.exec}, {@code ProcessHandle}. */
  PROCESS,
  /** {@code System.exit}, {@code Runtime.exit}, {@code Runtime.halt}. */
  EXIT,
  /** {@code System.load}/{@code loadLibrary}, {@code Runtime.load}/{@code loadLibrary}. */
  NATIVE,
  /** Escapes from access checks: {@code setAccessible}, {@code MethodHandles.privateLookupIn}, {@code Unsafe}. */
  REFLECTION,
  /** Creating class loaders or defining classes at run time. */
  CLASSLOADER,
  /** Files through {@code java.io} or {@code java.nio.file} directly instead of the plugin's data folder API. */
  FILESYSTEM,
  /** Creating threads, thread pools or timers. */
  THREADS,
  /** JVM-wide state: system properties, security providers, URL handler factories, default locale, shutdown hooks. */
  JVM_STATE,
  /** Classes or members looked up by a string ({@code Class.forName}, {@code getMethod}): the target is unknown until run time. */
  DYNAMIC;

  /** The name used in {@code plugin.toml}, {@code host.toml} and reports: {@code network}, {@code jvm_state}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The capability of this {@link #id()}, if there is one. */
  public static Optional<Capability> fromId(String id) {
    for (Capability c : values()) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
