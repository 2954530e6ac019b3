package dev.plinth.runtime.slo;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Told when a burn-rate alert starts or stops firing. Called on the hook dispatcher's receipt
 * delivery thread (or the thread asking for a report): keep it short and hand slow work (paging,
 * HTTP) to an executor of your own. A listener that throws is logged and keeps receiving.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface SloAlertListener {
  void onAlert(SloAlert alert);
}
