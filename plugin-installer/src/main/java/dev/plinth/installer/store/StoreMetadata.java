package dev.plinth.installer.store;

/**
 * The store's derived metadata, rewritten together after every change of a {@code current}
 * pointer: {@code plinth.lock} and the install-time {@code index.json}. Under the store lock.
 */
final class StoreMetadata {
  private StoreMetadata() {}

  static void sync(StoreContext ctx) {
    LockFile.sync(ctx.layout());
    IndexFile.refresh(ctx.layout(), false, ctx.bootFacts());
  }
}
