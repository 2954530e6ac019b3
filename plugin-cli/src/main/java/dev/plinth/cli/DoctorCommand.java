package dev.plinth.cli;

import dev.plinth.installer.store.IndexCheck;
import dev.plinth.api.PlinthException;
import dev.plinth.installer.store.IntegrityReport;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.installer.store.PluginState;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.installer.store.RepairAction;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plinth doctor}: the store's view of health, per plugin and for the store. {@code --verify}
 * also re-hashes every current version against its install record; {@code --repair} first runs
 * {@link PluginStore#repair()}. (A running host's own
 * {@code PluginSystem.doctor()} adds load state, crash guard and leak reports.)
 */
@Command(name = "doctor", description = "Diagnose the plugin home; exits 1 when a problem is found.")
final class DoctorCommand extends CliCommand {
  @Option(names = "--verify", description = "Re-hash installed files against their install records.")
  boolean verify;

  @Option(names = "--repair", description = "Rebuild damaged store metadata (state.json, plinth.lock, journals, "
      + "events.jsonl, kept versions without an install record) where the versions on disk prove what it "
      + "should hold, then diagnose.")
  boolean repair;

  @Override
  int execute(CliOutput out) {
    Path home = global().home;
    PluginStore store = StoreAccess.open(home);
    List<Map<String, Object>> plugins = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<RepairAction> repairs = List.of();
    if (repair) {
      repairs = store.repair().actions();
      for (RepairAction a : repairs) {
        out.summary((a.repaired() ? "repaired " : "NOT repaired ") + a.code().code() + " " + a.path() + ": " + a.action());
        out.summary("         next step: " + a.nextStep());
      }
      if (repairs.isEmpty()) {
        out.summary("repair: nothing to repair");
      }
    }
    Map<String, PluginState> states;
    List<PluginInfo> installed;
    try {
      states = store.state();
      installed = store.list();
    } catch (PlinthException e) {
      // An unreadable state.json: the integrity check below reports it with its next step.
      states = Map.of();
      installed = List.of();
    }
    IndexCheck index = store.checkIndex();
    for (PluginInfo p : installed) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", p.id());
      doc.put("current", p.currentVersion());
      doc.put("versions", p.versions().stream().map(PluginInfo.Version::version).toList());
      PluginState state = states.getOrDefault(p.id(), PluginState.DEFAULT);
      doc.put("enabled", state.enabled());
      String permissions = "none declared";
      boolean acknowledged = true;
      var dir = store.currentDir(p.id());
      if (dir.isPresent()) {
        ManifestReport report = ManifestParser.parse(dir.get().resolve("plugin.toml"));
        if (report.manifest().isPresent()) {
          var declared = report.manifest().get().permissions();
          if (!declared.isEmpty()) {
            permissions = StateCommands.describe(declared);
            acknowledged = Objects.equals(PluginState.permissionsDigest(declared), state.acknowledgedPermissions());
          }
        } else {
          problems.add(p.id() + ": current plugin.toml does not parse");
        }
      }
      doc.put("permissions", permissions);
      doc.put("activation", ListCommands.activation(index, p.id()));
      doc.put("permissionsAcknowledged", acknowledged);
      p.current().ifPresent(v -> doc.put("signature", v.signature()));
      plugins.add(doc);
      out.summary(String.format(java.util.Locale.ROOT, "%-24s %-10s %-9s activation: %s  permissions: %s%s", p.id(),
          p.currentVersion(), state.enabled() ? "enabled" : "disabled", ListCommands.activation(index, p.id()), permissions, acknowledged ? "" : " (NOT acknowledged)"));
    }
    IntegrityReport integrity = store.checkIntegrity();
    if (verify || !integrity.ok()) {
      for (IntegrityReport.Problem problem : integrity.problems()) {
        problems.add(problem.code() + " " + problem.pluginId() + " " + problem.path() + ": " + problem.message());
        out.summary("problem  " + problem.code() + " " + problem.pluginId() + " " + problem.path() + ": " + problem.message());
        out.summary("         next step: " + problem.nextStep());
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("home", home.toString());
    result.put("plugins", plugins);
    result.put("integrity", Map.of("pluginsChecked", integrity.pluginsChecked(), "problems", integrity.problems()));
    if (repair) {
      result.put("repairs", repairs);
    }
    result.put("healthy", problems.isEmpty());
    if (!problems.isEmpty()) {
      return out.fail("DOCTOR_PROBLEMS", problems.size() + " problem(s) in " + home + "; first: " + problems.get(0),
          "Follow each problem's next step; plinth doctor --repair rebuilds damaged metadata, "
              + "plinth rollback or reinstall repairs a damaged version.", null, result);
    }
    out.summary("ok: " + plugins.size() + " plugin(s), store consistent (" + integrity.pluginsChecked() + " checked)");
    return out.ok(result);
  }
}
