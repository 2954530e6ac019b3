package dev.plinth.installer.store;

import dev.plinth.installer.InstallRequest;

/** Short hand for a plain request. */
final class FolderStagerRequests {
  private FolderStagerRequests() {}

  static InstallRequest of(String source) {
    return InstallRequest.of(source);
  }
}
