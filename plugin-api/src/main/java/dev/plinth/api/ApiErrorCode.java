package dev.plinth.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Error codes raised at the boundary between a plugin and its host. */
@API(status = STABLE, since = "0.1")
public enum ApiErrorCode implements ErrorCode {
  /** A plugin used a secret, host, file or service its manifest does not declare. */
  PERMISSION_DENIED,
  /** A plugin registered a handler for a hook point its manifest does not contribute. */
  HOOK_NOT_DECLARED,
  /** A hook point the host does not offer. */
  HOOK_POINT_UNKNOWN,
  /** A configuration value is missing or of the wrong type. */
  CONFIG_INVALID,
  /** A call into plugin code took longer than its timeout. */
  PLUGIN_TIMEOUT;

  @Override
  public String code() {
    return name();
  }
}
