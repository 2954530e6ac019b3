package dev.plinth.hooks;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Receives every receipt a dispatcher produces (crash guard, metrics, event log). Called on the
 * dispatcher's single delivery thread, in dispatch order, never on the dispatching thread: a slow
 * listener delays only other listeners, and when the bounded delivery queue is full, receipts are
 * dropped and counted ({@link HookDispatcher#droppedReceipts()}). A listener that throws is
 * logged and keeps receiving.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface ReceiptListener {
  void onReceipt(HookReceipt receipt);
}
