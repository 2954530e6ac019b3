package dev.plinth.installer.store;

import dev.plinth.installer.BundleStager;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.SignatureVerdict;
import dev.plinth.installer.StagedBundle;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * TEST-ONLY stager: the source is a bundle folder on disk. It copies the folder into the staging
 * dir, reads plugin.toml (id, version, dependencies, permissions) and hashes every file, as the
 * real pipeline's extract phase does. The real pipeline replaces it in production.
 */
final class FolderStager implements BundleStager {
  /** Signer identity per source string; absent means unsigned. */
  final Map<String, String> signers = new ConcurrentHashMap<>();

  @Override
  public StagedBundle stage(InstallRequest request, Path stagingDir, HostProfile host, ProgressListener progress) {
    Path source = Path.of(request.source());
    progress.phaseStarted(Phase.RESOLVE, request.source());
    if (!Files.isRegularFile(source.resolve("plugin.toml"))) {
      throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.RESOLVE,
          "source has no plugin.toml: " + source, "Point at a bundle folder.");
    }
    progress.phaseStarted(Phase.EXTRACT, request.source());
    Path root = stagingDir.resolve("bundle");
    Map<String, String> digests = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = root.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
          digests.put(source.relativize(p).toString().replace('\\', '/'), TreeDigest.sha256(target));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String signer = signers.get(request.source());
    SignatureVerdict verdict = signer == null
        ? SignatureVerdict.ignored()
        : new SignatureVerdict(true, "cosign-key", signer, null, "require", "0", "policy_applied", null);
    return new StagedBundle(manifest(root.resolve("plugin.toml")), stagingDir, root, request.source(), null, digests, verdict);
  }

  static PluginManifest manifest(Path toml) {
    TomlParseResult t;
    try {
      t = Toml.parse(toml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> deps = new LinkedHashMap<>();
    TomlTable d = t.getTable("plugin.dependencies");
    if (d != null) {
      for (String k : d.keySet()) {
        deps.put(k, d.getString(k));
      }
    }
    List<String> network = new ArrayList<>();
    TomlArray n = t.getArray("plugin.permissions.network");
    if (n != null) {
      for (int i = 0; i < n.size(); i++) {
        network.add(n.getString(i));
      }
    }
    PluginManifest.Permissions perms = new PluginManifest.Permissions(network, List.of(), List.of(), List.of(), false, null);
    String id = t.getString("plugin.id");
    return new PluginManifest(id, t.getString("plugin.version"), id, "", List.of(), null,
        PluginManifest.Engine.NONE, PluginManifest.Runtime.DEFAULT, deps, PluginManifest.Contributes.NONE,
        List.of(), perms, Map.of());
  }
}
