package dev.plinth.testkit.assertions;

import dev.plinth.hooks.HookReceipt;
import java.util.List;
import java.util.stream.Collectors;

/** Short text forms for failure messages. */
final class Receipts {
  private Receipts() {}

  static String summary(List<HookReceipt> receipts) {
    if (receipts.isEmpty()) {
      return "[]";
    }
    return receipts.stream().map(Receipts::summary).collect(Collectors.joining(", ", "[", "]"));
  }

  static String summary(HookReceipt r) {
    StringBuilder b = new StringBuilder(r.pluginId()).append(' ').append(r.status());
    if (r.mutated()) {
      b.append(" changed=").append(r.changedFields());
    }
    if (!r.refusedFields().isEmpty()) {
      b.append(" refused=").append(r.refusedFields());
    }
    if (r.errorMessage() != null) {
      b.append(" error=").append(r.errorType()).append(": ").append(r.errorMessage());
    }
    return b.toString();
  }
}
