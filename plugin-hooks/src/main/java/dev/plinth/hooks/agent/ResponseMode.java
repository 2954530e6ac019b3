package dev.plinth.hooks.agent;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Whether a delivery is a streamed partial update or the final answer. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ResponseMode {
  STREAMING,
  FINAL
}
