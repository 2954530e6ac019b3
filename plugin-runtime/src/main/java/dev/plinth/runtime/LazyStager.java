package dev.plinth.runtime;

import dev.plinth.installer.BundleStager;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.StagedBundle;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The install pipeline, built when the first install, upgrade or update check needs it: building it
 * loads the HTTP client, the trust store and the archive readers, which a boot never uses.
 * Thread-safe; the pipeline is built once.
 */
final class LazyStager implements BundleStager {
  private final Supplier<? extends BundleStager> factory;
  private volatile @Nullable BundleStager built;

  LazyStager(Supplier<? extends BundleStager> factory) {
    this.factory = factory;
  }

  @Override
  public StagedBundle stage(InstallRequest request, Path stagingDir, HostProfile host, ProgressListener progress) {
    return get().stage(request, stagingDir, host, progress);
  }

  @Override
  public Optional<String> resolveVersion(String pluginId, InstallRequest request) {
    return get().resolveVersion(pluginId, request);
  }

  /** Whether the pipeline was built (for tests). */
  boolean isBuilt() {
    return built != null;
  }

  private BundleStager get() {
    BundleStager s = built;
    if (s == null) {
      synchronized (this) {
        s = built;
        if (s == null) {
          s = factory.get();
          built = s;
        }
      }
    }
    return s;
  }
}
