package dev.plinth.testkit.server;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The assets of one GitHub-style release, following the release convention: {@code plugin.toml},
 * one {@code <id>-<version>-<target>.tar.gz} per target, its {@code .sha256}, and its signature
 * files ({@code .sig} + {@code .pub}, {@code .asc} or {@code .sigstore.json}). Immutable: each
 * {@code with*} returns a new value. Thread-safe.
 *
 * <pre>{@code
 * ReleaseAssets assets = ReleaseAssets.of(linuxBundle, noarchBundle)
 *     .withWrongDigest(linuxBundle)            // its .sha256 no longer matches
 *     .without("plugin.toml");                 // not listed, and 404
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReleaseAssets {
  /** One asset: its file name, bytes and content type. */
  public record Asset(String name, byte[] data, String contentType) {
    public Asset {
      requireNonNull(name, "name");
      data = data.clone();
      requireNonNull(contentType, "contentType");
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  private final List<Asset> assets;
  private final Set<String> omitted;

  private ReleaseAssets(List<Asset> assets, Set<String> omitted) {
    this.assets = List.copyOf(assets);
    this.omitted = Set.copyOf(omitted);
  }

  /** No assets. */
  public static ReleaseAssets empty() {
    return new ReleaseAssets(List.of(), Set.of());
  }

  /**
   * The assets of these bundles: {@code plugin.toml} from the first bundle that has one, and for
   * each bundle its archive, {@code .sha256} and signature files.
   */
  public static ReleaseAssets of(BuiltBundle... bundles) {
    ReleaseAssets result = empty();
    for (BuiltBundle b : bundles) {
      if (result.asset("plugin.toml").isEmpty() && b.manifest() != null) {
        result = result.withManifest(b.manifest());
      }
      result = result.with(b.fileName(), b.bytes(), contentType(b.fileName()))
          .withFile(b.sha256File());
      if (b.signature() != null) {
        result = result.withFile(b.signature());
      }
      if (b.publicKey() != null) {
        result = result.withFile(b.publicKey());
      }
    }
    return result;
  }

  /** Adds or replaces an asset. */
  public ReleaseAssets with(String name, byte[] data, String contentType) {
    List<Asset> next = new ArrayList<>();
    for (Asset a : assets) {
      if (!a.name().equals(name)) {
        next.add(a);
      }
    }
    next.add(new Asset(name, data, contentType));
    Set<String> stillOmitted = new LinkedHashSet<>(omitted);
    stillOmitted.remove(name);
    return new ReleaseAssets(next, stillOmitted);
  }

  /** Adds or replaces an asset with a file's bytes, named after the file. */
  public ReleaseAssets withFile(Path file) {
    try {
      String name = file.getFileName().toString();
      return with(name, Files.readAllBytes(file), contentType(name));
    } catch (IOException e) {
      throw new TestkitException(TestkitErrorCode.PUBLISH_INVALID,
          "asset file unreadable: " + file, "Pass a file that exists.", e);
    }
  }

  /** Sets the separately served {@code plugin.toml} (it may differ from the bundle's own). */
  public ReleaseAssets withManifest(String toml) {
    return with("plugin.toml", toml.getBytes(StandardCharsets.UTF_8), contentType("plugin.toml"));
  }

  /** Adds {@code <archive>.sigstore.json} holding a Sigstore bundle. */
  public ReleaseAssets withSigstoreBundle(BuiltBundle archive, byte[] bundleJson) {
    return with(archive.fileName() + ".sigstore.json", bundleJson, "application/json");
  }

  /** Replaces {@code <archive>.sha256} with the digest of other bytes, so verification fails. */
  public ReleaseAssets withWrongDigest(BuiltBundle archive) {
    String wrong = Checksums.hex("SHA-256", ("not " + archive.fileName()).getBytes(StandardCharsets.UTF_8));
    return with(archive.fileName() + ".sha256",
        (wrong + "  " + archive.fileName() + "\n").getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  /** Leaves an asset out of the release JSON; downloading it answers 404. */
  public ReleaseAssets without(String name) {
    if (asset(name).isEmpty()) {
      throw new TestkitException(TestkitErrorCode.PUBLISH_INVALID,
          "asset unknown: " + name, "Name one of: " + names());
    }
    Set<String> next = new LinkedHashSet<>(omitted);
    next.add(name);
    return new ReleaseAssets(assets, next);
  }

  /** The assets that are listed and served, in the order added. */
  public List<Asset> assets() {
    return assets.stream().filter(a -> !omitted.contains(a.name())).toList();
  }

  /** A listed asset by name. */
  public Optional<Asset> asset(String name) {
    return assets().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private List<String> names() {
    return assets().stream().map(Asset::name).toList();
  }

  static String contentType(String name) {
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return "application/gzip";
    } else if (name.endsWith(".zip")) {
      return "application/zip";
    } else if (name.endsWith(".jar")) {
      return "application/java-archive";
    } else if (name.endsWith(".toml")) {
      return "application/toml";
    } else if (name.endsWith(".json")) {
      return "application/json";
    } else if (name.endsWith(".xml")) {
      return "application/xml";
    } else if (name.matches(".*\\.(sha256|sha512|sha1|md5|sig|pub|pem|asc)")) {
      return "text/plain";
    }
    return "application/octet-stream";
  }
}
