package dev.plinth.runtime.testhost.internal;

/** A host class outside the exported packages: plugins must not see it. */
public final class HostSecret {
  public static String value() {
    return "host-internal";
  }
}
