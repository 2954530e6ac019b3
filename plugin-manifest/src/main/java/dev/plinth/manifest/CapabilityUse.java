package dev.plinth.manifest;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One call site that uses a capability.
 *
 * @param capability what the call can do
 * @param location the jar (relative to the bundle root, with {@code /}) or class folder holding the class
 * @param className the calling class, binary name with dots
 * @param method the calling method, {@code name(descriptor)}
 * @param line the source line of the call, or 0 when the class carries no line numbers
 * @param target what is called or read: {@code java/lang/System.exit(I)V}, or the string looked up for {@link Capability#DYNAMIC}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CapabilityUse(
    Capability capability, String location, String className, String method, int line, String target) {
  public CapabilityUse {
    requireNonNull(capability, "capability");
    requireNonNull(location, "location");
    requireNonNull(className, "className");
    requireNonNull(method, "method");
    requireNonNull(target, "target");
  }

  /**
   * The call site without the calling method's descriptor, for messages:
   * {@code com.acme.Foo.run line 12 (lib/acme.jar) calls java/lang/System.exit(I)V}.
   */
  public String brief() {
    int paren = method.indexOf('(');
    String name = paren < 0 ? method : method.substring(0, paren);
    return className + "." + name + (line > 0 ? " line " + line : "") + " (" + location + ") calls " + target;
  }

  /** {@code com.acme.Foo.run(I)V line 12 (lib/acme.jar) calls java/lang/System.exit(I)V}. */
  public String describe() {
    return className + "." + method + (line > 0 ? " line " + line : "") + " (" + location + ") calls " + target;
  }
}
