package dev.plinth.installer.extract;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Finds the bundle inside an extracted tree: the root holds {@code plugin.toml}, or holds exactly
 * one folder that does (DESIGN.md section 2).
 *
 * @param bundleRoot the folder holding {@code plugin.toml}
 * @param fileDigests sha256 of every file, relative to {@code bundleRoot}
 */
@API(status = STABLE, since = "0.1")
public record BundleLayout(Path bundleRoot, Map<String, String> fileDigests) {
  public static final String MANIFEST = "plugin.toml";

  public BundleLayout {
    requireNonNull(bundleRoot, "bundleRoot");
    fileDigests = Collections.unmodifiableMap(new TreeMap<>(fileDigests));
  }

  /** The manifest file. */
  public Path manifestFile() {
    return bundleRoot.resolve(MANIFEST);
  }

  /**
   * Locates the bundle in an extraction result.
   *
   * @throws InstallException {@code BUNDLE_LAYOUT_INVALID}, phase {@code extract}
   */
  public static BundleLayout locate(ExtractionResult extracted) {
    Path root = extracted.root();
    if (Files.isRegularFile(root.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
      return new BundleLayout(root, extracted.fileDigests());
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(root)) {
      children = list.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (children.size() == 1
        && Files.isDirectory(children.get(0), LinkOption.NOFOLLOW_LINKS)
        && Files.isRegularFile(children.get(0).resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
      String prefix = children.get(0).getFileName() + "/";
      Map<String, String> digests = new LinkedHashMap<>();
      extracted.fileDigests().forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          digests.put(k.substring(prefix.length()), v);
        }
      });
      return new BundleLayout(children.get(0), digests);
    }
    List<String> top = children.stream().map(p -> p.getFileName().toString()).limit(10).toList();
    throw new InstallException(InstallErrorCode.BUNDLE_LAYOUT_INVALID, Phase.EXTRACT,
        "bundle root must hold plugin.toml or exactly one folder that does: " + top,
        "Pack the bundle so that plugin.toml sits at the archive root, or inside a single top-level folder.",
        Map.of("topLevel", top), null);
  }
}
