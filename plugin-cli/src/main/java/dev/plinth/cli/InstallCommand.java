package dev.plinth.cli;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.LockSyncResult;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plinth install <spec>} or {@code plinth install --from-lock}. */
@Command(name = "install", description = "Install a plugin from a folder, archive, URL, github:, maven: or catalog: spec, or every plugin of plinth.lock.")
final class InstallCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC",
      description = "./dir, ./x.tar.gz, https://…#sha256=…, github:owner/repo[@tag], maven:g:a:v[:classifier], catalog:id[@range]")
  @Nullable String spec;

  @Option(names = "--from-lock", arity = "0..1", fallbackValue = "", paramLabel = "LOCK",
      description = "Reproduce plinth.lock exactly (default: <home>/plinth.lock); fails on digest or signer drift.")
  @Nullable String fromLock;

  @ArgGroup(exclusive = true)
  @Nullable SignatureChoice signature;

  static final class SignatureChoice {
    @Option(names = "--require-signature", description = "Require a verified signature for this install.")
    boolean require;

    @Option(names = "--skip-signature-verify", description = "Skip signature verification (recorded in the verdict).")
    boolean skip;
  }

  @Option(names = "--enable", description = "Enable the plugin once installed (needs acknowledged permissions).")
  boolean enable;

  @Option(names = "--ack-permissions", description = "Acknowledge the permissions the plugin declares.")
  boolean ackPermissions;

  @Option(names = "--allow-downgrade", description = "Allow installing an older version than the current one.")
  boolean allowDowngrade;

  @Mixin SourceOptions sources = new SourceOptions();

  @Override
  int execute(CliOutput out) {
    if ((spec == null) == (fromLock == null)) {
      return out.fail("USAGE_INVALID", "install needs exactly one of SPEC or --from-lock",
          "Run plinth install <spec>, or plinth install --from-lock.", null, null);
    }
    Path home = global().home;
    PhasePrinter printer = new PhasePrinter(out, System.console() != null);
    PluginStore store = StoreAccess.openForInstall(home, sources, printer);
    if (fromLock != null) {
      Path lock = fromLock.isEmpty() ? home.resolve("plinth.lock") : Path.of(fromLock);
      LockSyncResult result = store.installFromLock(lock);
      result.outcomes().forEach(o -> out.line(Outcomes.describe(o)));
      result.extraneous().forEach(id -> out.line("not in the lock file (left installed): " + id));
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("outcomes", result.outcomes().stream().map(o -> CliOutput.JSON.convertValue(o, Map.class)).toList());
      doc.put("extraneous", result.extraneous());
      if (!result.succeeded()) {
        InstallOutcome failed = result.outcomes().stream().filter(o -> !Outcomes.succeeded(o)).findFirst().orElseThrow();
        return Outcomes.report(out, failed);
      }
      out.summary("ok: " + result.outcomes().size() + " plugin(s) match " + lock);
      return out.ok(doc);
    }
    InstallRequest request = InstallRequest.of(spec)
        .withRequireSignature(signature != null && signature.require)
        .withSkipSignatureVerify(signature != null && signature.skip)
        .withEnable(enable)
        .withAcknowledgePermissions(ackPermissions)
        .withAllowDowngrade(allowDowngrade);
    InstallOutcome outcome = store.install(request, printer);
    if (Outcomes.succeeded(outcome)) {
      store.info(outcome.pluginId()).flatMap(PluginInfo::current).ifPresent(v -> out.line(
          "signature  " + (v.signature().verified() ? "verified" : "not verified") + " method=" + v.signature().method()
              + (v.signature().identity() == null ? "" : " identity=" + v.signature().identity())
              + " mode=" + v.signature().mode()
              + (v.signature().matchedPolicy() == null ? "" : " policy=" + v.signature().matchedPolicy())
              + " enforcement=" + v.signature().enforcement()
              + (v.signature().warning() == null ? "" : " warning=" + v.signature().warning())));
      store.info(outcome.pluginId()).ifPresent(info -> out.line("state      "
          + (info.state().enabled() ? "enabled" : "disabled (enable with: plinth enable " + info.id() + ")")));
    }
    return Outcomes.report(out, outcome);
  }

}
