package dev.plinth.cli;

import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plinth pack <plugin-dir>}: a release-ready archive, its digest and optional signature. */
@Command(
    name = "pack",
    description = "Pack a plugin folder into <id>-<version>-noarch.tar.gz with its .sha256 (and .sig/.pub when signed).")
final class PackCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "PLUGIN_DIR", description = "Folder holding plugin.toml.")
  Path dir;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: the current folder).")
  Path output = Path.of(".");

  @Option(names = "--sign-key", paramLabel = "KEY", description = "PEM private key (ECDSA P-256/P-384 or Ed25519) to sign the archive with, cosign sign-blob style.")
  @Nullable Path signKey;

  @Option(names = "--target", description = "Target name in the file name (default: ${DEFAULT-VALUE}).", defaultValue = "noarch")
  String target = "noarch";

  @Override
  int execute(CliOutput out) {
    Path manifestFile = dir.resolve("plugin.toml");
    if (!Files.isRegularFile(manifestFile)) {
      return out.fail("PACK_NO_MANIFEST", "plugin-dir has no plugin.toml: " + dir,
          "Point pack at the folder that holds plugin.toml.", null, null);
    }
    ManifestReport report = ManifestParser.parse(manifestFile);
    if (!report.ok()) {
      out.line("plugin.toml has " + report.errors().size() + " error(s):");
      report.errors().forEach(i -> out.line("  " + i.code() + " " + i.field() + ": " + i.message()));
      var first = report.errors().isEmpty() ? null : report.errors().get(0);
      return out.fail(first == null ? "MANIFEST_INVALID" : first.code(),
          first == null ? "plugin.toml is invalid" : first.message(),
          first == null ? "Run plinth preflight for details." : first.nextStep(), "preflight",
          Map.of("issues", report.issues()));
    }
    PluginManifest manifest = report.manifest().orElseThrow();
    try {
      Files.createDirectories(output);
      String name = manifest.id() + "-" + manifest.version() + "-" + target + ".tar.gz";
      Path archive = output.resolve(name);
      String sha256 = BundlePacker.writeTarGz(dir, archive);
      Files.writeString(output.resolve(name + ".sha256"), sha256 + "  " + name + "\n");
      out.line("packed   " + archive + " (" + Files.size(archive) + " bytes)");
      out.line("sha256   " + sha256);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("id", manifest.id());
      result.put("version", manifest.version());
      result.put("archive", archive.toString());
      result.put("sha256", sha256);
      result.put("size", Files.size(archive));
      if (signKey != null) {
        BlobSigner.Signed signed = BlobSigner.sign(signKey, archive);
        Files.writeString(output.resolve(name + ".sig"), signed.signatureBase64() + "\n");
        Files.writeString(output.resolve(name + ".pub"), signed.publicKeyPem());
        out.line("signed   " + signed.algorithm() + " -> " + name + ".sig, " + name + ".pub");
        result.put("signature", archive + ".sig");
        result.put("publicKey", archive + ".pub");
        result.put("algorithm", signed.algorithm());
      }
      out.summary("ok: " + archive);
      return out.ok(result);
    } catch (IOException e) {
      return out.fail("PACK_IO", "cannot write archive to " + output + ": " + e.getMessage(),
          "Check that the output folder is writable.", null, null);
    }
  }
}
