package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.api.ErrorCode;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Every code a manifest check can report, with its severity. The names are stable: hosts, the
 * command line and CI scripts match on them. The catalogue in {@code docs/error-codes.md} lists
 * each one with its meaning and next step.
 */
@API(status = STABLE, since = "0.1")
public enum ManifestCode implements ErrorCode {
  /** The file cannot be read at all. */
  MANIFEST_UNREADABLE(Severity.ERROR),
  /** The text is not valid TOML. */
  TOML_SYNTAX(Severity.ERROR),
  /** A required table or key is absent. */
  MANIFEST_FIELD_MISSING(Severity.ERROR),
  /** A key holds a value of the wrong TOML type. */
  MANIFEST_FIELD_TYPE(Severity.ERROR),
  /** A string or list that must not be empty is empty. */
  MANIFEST_FIELD_EMPTY(Severity.ERROR),
  /** A key the manifest format does not define (probably a typo). */
  MANIFEST_KEY_UNKNOWN(Severity.WARNING),
  /** A plugin id (the plugin's own or a dependency's) does not match the id pattern. */
  MANIFEST_ID_INVALID(Severity.ERROR),
  /** {@code plugin.version} is not a semantic version. */
  MANIFEST_VERSION_INVALID(Severity.ERROR),
  /** A version range cannot be parsed, or parses to nothing. */
  VERSION_RANGE_INVALID(Severity.ERROR),
  /** A path is absolute, climbs out with {@code ..}, or uses backslashes. */
  PATH_TRAVERSAL(Severity.ERROR),
  /** A tool name does not start with {@code <id>_}. */
  TOOL_NAMESPACE_VIOLATION(Severity.ERROR),
  /** A tool name has characters other than lower-case letters, digits and underscores. */
  TOOL_NAME_INVALID(Severity.ERROR),
  /** A {@code contributes.deferred_tools} entry is not listed in {@code contributes.tools}. */
  TOOL_DEFERRED_NOT_EXPOSED(Severity.ERROR),
  /** A {@code [[plugin.tools]]} entry describes a tool not listed in {@code contributes.tools}. */
  TOOL_NOT_EXPOSED(Severity.ERROR),
  /** A tool's {@code input_schema} is missing, empty, or not an object schema. */
  TOOL_SCHEMA_INVALID(Severity.ERROR),
  /** One name is contributed as two different kinds of thing (a hook point and an extension). */
  CONTRIBUTION_CONFLICT(Severity.ERROR),
  /** A hook point name is not dotted lower-case words. */
  HOOK_POINT_INVALID(Severity.ERROR),
  /** A {@code [[plugin.hooks]]} policy names a point the plugin does not contribute. */
  HOOK_POLICY_UNDECLARED(Severity.ERROR),
  /** A hook timeout is outside 1..60000 ms. */
  HOOK_TIMEOUT_OUT_OF_RANGE(Severity.ERROR),
  /** A hook priority does not fit in a 32-bit int. */
  HOOK_PRIORITY_OUT_OF_RANGE(Severity.ERROR),
  /** A hook failure policy is neither {@code open} nor {@code closed}. */
  HOOK_FAILURE_INVALID(Severity.ERROR),
  /** {@code plugin.runtime.activation} is neither {@code eager} nor {@code lazy}. */
  ACTIVATION_INVALID(Severity.ERROR),
  /** The same entry appears twice in a list, or two policies name one hook point. */
  DUPLICATE_ENTRY(Severity.ERROR),
  /** The plugin lists itself as a dependency. */
  DEPENDENCY_SELF(Severity.ERROR),
  /** An entry class or extension interface is not a fully qualified Java class name. */
  CLASS_NAME_INVALID(Severity.ERROR),
  /** An exported package is not a valid Java package name. */
  PACKAGE_NAME_INVALID(Severity.ERROR),
  /** An exported package belongs to the JDK or to Plinth's own API. */
  PACKAGE_RESERVED(Severity.ERROR),
  /** A filesystem permission uses a {@code ${...}} variable that is unknown, misplaced or unclosed. */
  PATH_VARIABLE_INVALID(Severity.ERROR),
  /** {@code [plugin.crash_guard]} asks for a failure count or window outside its bounds. */
  CRASH_GUARD_OUT_OF_RANGE(Severity.ERROR),
  /** A network permission is not a host name or {@code *.}-wildcard host name. */
  NETWORK_HOST_INVALID(Severity.ERROR),
  /** A secret key name has characters outside letters, digits, {@code _ . -}. */
  SECRET_NAME_INVALID(Severity.ERROR),
  /** {@code [plugin.config_schema]} is not an object schema. */
  CONFIG_SCHEMA_INVALID(Severity.ERROR),
  /** The host profile states no version: compatibility cannot be decided. */
  HOST_VERSION_UNKNOWN(Severity.ERROR),
  /** A {@code host.toml} cannot be read or has a wrong type or value. */
  HOST_PROFILE_INVALID(Severity.ERROR),
  /** The host profile's version (host, api or Java) is not a version. */
  HOST_VERSION_INVALID(Severity.ERROR),
  /** The host's version is outside {@code plugin.engine.host}. */
  HOST_VERSION_MISMATCH(Severity.ERROR),
  /** The plugin-api contract version is outside {@code plugin.engine.api}. */
  API_VERSION_MISMATCH(Severity.ERROR),
  /** The host's Java version is outside {@code plugin.engine.java}. */
  JAVA_VERSION_MISMATCH(Severity.ERROR),
  /** The host does not offer a contributed hook point. */
  HOOK_UNKNOWN(Severity.ERROR),
  /** The host does not offer a contributed extension interface. */
  EXTENSION_UNKNOWN(Severity.ERROR),
  /** The host defines no sandbox profile of this name. */
  SANDBOX_PROFILE_UNKNOWN(Severity.ERROR),
  /** A network permission equals, covers or falls under a host the host profile denies. */
  NETWORK_HOST_DENIED(Severity.ERROR),
  /** The plugin asks for any host ({@code "*"}) but the host profile does not allow that. */
  NETWORK_UNRESTRICTED_NOT_ALLOWED(Severity.ERROR),
  /** A dependency is not installed. */
  DEPENDENCY_NOT_INSTALLED(Severity.ERROR),
  /** A dependency is installed at a version outside the required range. */
  DEPENDENCY_VERSION_MISMATCH(Severity.ERROR),
  /** The bundle carries classes of {@code dev.plinth.api} or of a host-exported package. */
  BUNDLE_CONTAINS_HOST_CLASSES(Severity.ERROR),
  /** A jar's {@code Class-Path} manifest attribute names a path outside the bundle. */
  JAR_CLASS_PATH_OUTSIDE(Severity.ERROR),
  /** A {@code runtime.classpath} entry matches no file or folder in the bundle. */
  CLASSPATH_ENTRY_MISSING(Severity.ERROR),
  /** The bundle folder, or a jar in it, cannot be read. */
  BUNDLE_UNREADABLE(Severity.ERROR),
  /** {@code permissions.capabilities} names no {@link Capability}. */
  CAPABILITY_UNKNOWN(Severity.ERROR),
  /** The bundle's code uses a capability its sandbox profile does not allow and its manifest does not declare. */
  AUDIT_CAPABILITY_UNDECLARED(Severity.ERROR),
  /** The bundle's code looks classes or members up by string under a profile that warns about it. */
  AUDIT_DYNAMIC_REFLECTION(Severity.WARNING),
  /** The bundle's code looks classes or members up by string under a profile that refuses it. */
  AUDIT_DYNAMIC_REFUSED(Severity.ERROR),
  /** The manifest declares a capability the audit found no use of. */
  AUDIT_CAPABILITY_UNUSED(Severity.WARNING),
  /** A class file or jar in the bundle cannot be parsed, so its calls cannot be audited. */
  AUDIT_CLASS_UNREADABLE(Severity.ERROR);

  private final Severity severity;

  ManifestCode(Severity severity) {
    this.severity = severity;
  }

  /** How serious an issue with this code is. */
  public Severity severity() {
    return severity;
  }

  @Override
  public String code() {
    return name();
  }

  /** The code of this name, if it is one of ours. */
  public static Optional<ManifestCode> find(String code) {
    for (ManifestCode c : values()) {
      if (c.name().equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
