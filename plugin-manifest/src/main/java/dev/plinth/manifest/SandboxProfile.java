package dev.plinth.manifest;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A named set of capabilities a plugin may use without declaring them, and how reflection by string
 * ({@link Capability#DYNAMIC}) is treated. A capability outside the profile must be declared in
 * {@code plugin.permissions.capabilities}; declared capabilities are acknowledged by the operator
 * like permissions. Three profiles are built in; a host defines more in {@code host.toml}:
 *
 * <pre>{@code
 * [sandbox.integration]
 * allow = ["network", "threads"]
 * dynamic = "warn"
 * }</pre>
 *
 * @param name the profile name {@code plugin.permissions.profile} uses
 * @param allowed capabilities a plugin under this profile may use undeclared
 * @param dynamic what an undeclared {@link Capability#DYNAMIC} use produces
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SandboxProfile(String name, Set<Capability> allowed, Dynamic dynamic) {
  /** Nothing undeclared; reflection by string refused even when declared. */
  public static final SandboxProfile STRICT = new SandboxProfile("strict", Set.of(), Dynamic.REFUSE);
  /** Threads undeclared; reflection by string is a warning. The default when a manifest names no profile. */
  public static final SandboxProfile STANDARD =
      new SandboxProfile("standard", Set.of(Capability.THREADS), Dynamic.WARN);
  /** Everything, silently. */
  public static final SandboxProfile TRUSTED =
      new SandboxProfile("trusted", EnumSet.allOf(Capability.class), Dynamic.ALLOW);

  /** How an undeclared use of {@link Capability#DYNAMIC} is reported. */
  public enum Dynamic {
    /** Not reported. */
    ALLOW,
    /** A warning, unless {@code dynamic} is declared. */
    WARN,
    /** An error, declared or not. */
    REFUSE;

    /** {@code allow}, {@code warn} or {@code refuse}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public SandboxProfile {
    requireNonNull(name, "name");
    allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
    requireNonNull(dynamic, "dynamic");
  }

  /** The built-in profiles by name. */
  public static Map<String, SandboxProfile> builtIns() {
    return Map.of(STRICT.name, STRICT, STANDARD.name, STANDARD, TRUSTED.name, TRUSTED);
  }

  /**
   * The profile a manifest's {@code profile} name selects on a host: a host definition (a host may
   * redefine a built-in name), else a built-in, else (a name the host lists without defining it)
   * {@link #STANDARD}'s rules under that name. Null means {@code standard}. Empty when the host
   * neither defines nor lists the name.
   */
  public static Optional<SandboxProfile> resolve(@org.jspecify.annotations.Nullable String profileName, HostProfile host) {
    String name = profileName == null ? STANDARD.name : profileName;
    SandboxProfile defined = host.sandboxDefinitions().get(name);
    if (defined != null) {
      return Optional.of(defined);
    }
    SandboxProfile builtIn = builtIns().get(name);
    if (builtIn != null) {
      return Optional.of(builtIn);
    }
    return host.sandboxProfiles().contains(name)
        ? Optional.of(new SandboxProfile(name, STANDARD.allowed, STANDARD.dynamic))
        : Optional.empty();
  }
}
