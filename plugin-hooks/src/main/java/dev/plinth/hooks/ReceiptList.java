package dev.plinth.hooks;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The receipts of one dispatch: an unmodifiable view over the array the chain filled, which
 * nothing writes to once the dispatch returns. Saves copying that array on every dispatch.
 */
final class ReceiptList extends AbstractList<HookReceipt> implements RandomAccess {
  private final HookReceipt[] receipts;
  private final int size;

  ReceiptList(HookReceipt[] receipts, int size) {
    this.receipts = receipts;
    this.size = size;
  }

  @Override
  public HookReceipt get(int index) {
    Objects.checkIndex(index, size);
    return receipts[index];
  }

  @Override
  public int size() {
    return size;
  }
}
