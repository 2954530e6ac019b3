package dev.plinth.cli;

import dev.plinth.api.PlinthException;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.installer.release.BlobSigner;
import dev.plinth.installer.release.BundlePacker;
import dev.plinth.installer.release.PackedBundle;
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
    if (!target.matches("[a-z0-9][a-z0-9_.-]*")) {
      return out.fail("USAGE_INVALID", "--target must be lower-case letters, digits, '.', '_' or '-': " + target,
          "Pass a target such as noarch or linux-x86_64.", null, null);
    }
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
    try {
      PackedBundle packed = BundlePacker.pack(dir, output, target);
      Path archive = packed.archive();
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("id", packed.id());
      result.put("version", packed.version());
      result.put("archive", archive.toString());
      result.put("sha256", packed.sha256());
      result.put("size", packed.size());
      BlobSigner.@Nullable SignatureFiles signed = null;
      if (signKey != null) {
        try {
          signed = BlobSigner.signBeside(signKey, archive);
        } catch (PlinthException | IOException e) {
          // A signed pack was asked for: leave no unsigned archive behind that could be published.
          Files.deleteIfExists(archive);
          Files.deleteIfExists(packed.sha256File());
          throw e;
        }
      }
      out.line("packed   " + archive + " (" + packed.size() + " bytes)");
      out.line("sha256   " + packed.sha256());
      if (signed != null) {
        out.line("signed   " + signed.signed().algorithm() + " -> " + signed.signatureFile().getFileName()
            + ", " + signed.publicKeyFile().getFileName());
        result.put("signature", signed.signatureFile().toString());
        result.put("publicKey", signed.publicKeyFile().toString());
        result.put("algorithm", signed.signed().algorithm());
      }
      out.summary("ok: " + archive);
      return out.ok(result);
    } catch (IOException e) {
      return out.fail("PACK_IO", "cannot write archive to " + output + ": " + e.getMessage(),
          "Check that the output folder is writable.", null, null);
    }
  }
}
