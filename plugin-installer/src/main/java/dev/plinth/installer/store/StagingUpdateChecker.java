package dev.plinth.installer.store;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The default {@link UpdateChecker}. It asks the stager first ({@link
 * dev.plinth.installer.BundleStager#resolveVersion}): a GitHub release, a Maven repository or a
 * catalog names the version without its archive being downloaded. Otherwise (a URL, a local
 * archive or folder) it stages the source into a scratch folder under {@code staging/} (under the
 * store lock, so recovery never mistakes it for an orphan of a live writer), reads the version and
 * deletes the folder.
 */
final class StagingUpdateChecker implements UpdateChecker {
  /** Runs a body under the store lock. */
  interface Locker {
    <T> T locked(Phase phase, Supplier<T> body);
  }

  private final StoreContext ctx;
  private final Locker locker;

  StagingUpdateChecker(StoreContext ctx, Locker locker) {
    this.ctx = ctx;
    this.locker = locker;
  }

  @Override
  public String latestVersion(String pluginId, String source) {
    Optional<String> resolved = ctx.stager().resolveVersion(pluginId, InstallRequest.of(source));
    if (resolved.isPresent()) {
      return resolved.get(); // the source said so itself: no download, no store lock
    }
    return locker.locked(Phase.RESOLVE, () -> {
      Path dir = ctx.layout().stagingDir("check-" + Journal.newTxId());
      try {
        Files.createDirectories(dir);
        return ctx.stager().stage(InstallRequest.of(source), dir, ctx.profileWithInstalled(), ProgressListener.NONE).version();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        AtomicFiles.deleteTree(dir);
      }
    });
  }
}
