package dev.plinth.runtime;

import dev.plinth.installer.store.IntegrityReport;
import dev.plinth.installer.store.PluginInfo;
import dev.plinth.manifest.Capability;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.CapabilityUse;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.leak.LeakReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a {@link DoctorReport}: every plugin's status, declared permissions, crash-guard
 * state, leaked loaders and integrity problems, and the store's own problems sorted into
 * interrupted transactions, orphans, dangling pointers and the rest. Re-hashes every file of every
 * current version, so it is not free; read-only otherwise.
 */
final class Doctor {
  private final SystemAssembly a;
  private final StatusView status;

  Doctor(SystemAssembly a, StatusView status) {
    this.a = a;
    this.status = status;
  }

  DoctorReport examine() {
    IntegrityReport integrity = a.store.checkIntegrity();
    List<LeakReport> leaks = a.runtime.leaks();
    List<PluginDiagnosis> plugins = new ArrayList<>();
    for (PluginStatus s : status.list()) {
      Optional<CapabilityReport> audit = audit(s);
      plugins.add(new PluginDiagnosis(
          s.id(), s.currentVersion(), s.versions(), s.enabled(), s.loadState(), s.lastError(),
          permissions(s), s.permissionsAcknowledged(), a.runtime.crashGuard().state(s.id()),
          leaks.stream().filter(l -> l.pluginId().equals(s.id())).toList(),
          integrity.problems().stream().filter(p -> p.pluginId().equals(s.id())).toList(),
          s.builtin(), audit.isPresent(), audit.map(Doctor::capabilities).orElse(List.of())));
    }
    List<IntegrityReport.Problem> interrupted = new ArrayList<>();
    List<IntegrityReport.Problem> orphans = new ArrayList<>();
    List<IntegrityReport.Problem> dangling = new ArrayList<>();
    List<IntegrityReport.Problem> other = new ArrayList<>();
    for (IntegrityReport.Problem p : integrity.problems()) {
      switch (p.code()) {
        case JOURNAL_LEFT, JOURNAL_CORRUPT -> interrupted.add(p);
        case STAGING_LEFT, INSTALL_RECORD_MISSING -> orphans.add(p);
        case POINTER_DANGLING, POINTER_MISSING -> dangling.add(p);
        case LOCK_FILE_MISMATCH, STATE_UNREADABLE, EVENTS_LINE_UNREADABLE -> other.add(p);
        default -> {
          // File problems belong to their plugin's diagnosis.
        }
      }
    }
    StoreDiagnosis store = new StoreDiagnosis(a.home.toString(), interrupted, orphans, dangling, other);
    return new DoctorReport(a.settings.clock().instant(), plugins, store);
  }

  private Optional<CapabilityReport> audit(PluginStatus s) {
    return s.builtin() ? Optional.empty()
        : a.store.info(s.id()).flatMap(PluginInfo::current).map(PluginInfo.Version::audit);
  }

  /** One line per capability the current version's code uses: {@code network: 3 call site(s), first ...}. */
  static List<String> capabilities(CapabilityReport report) {
    List<String> out = new ArrayList<>();
    for (Capability c : Capability.values()) {
      List<CapabilityUse> uses = report.uses(c);
      if (!uses.isEmpty()) {
        out.add(c.id() + ": " + uses.size() + " call site(s), first " + uses.get(0).describe());
      }
    }
    return out;
  }

  private List<String> permissions(PluginStatus s) {
    PluginManifest m;
    if (s.builtin()) {
      m = a.builtins.get(s.id()).manifest();
    } else {
      try {
        m = a.currentManifest(s.id());
      } catch (PluginRuntimeException e) {
        return List.of();
      }
    }
    PluginManifest.Permissions p = m.permissions();
    List<String> out = new ArrayList<>();
    p.network().forEach(v -> out.add("network=" + v));
    p.secrets().forEach(v -> out.add("secrets=" + v));
    p.filesystemRead().forEach(v -> out.add("filesystem.read=" + v));
    p.filesystemWrite().forEach(v -> out.add("filesystem.write=" + v));
    if (p.spawn()) {
      out.add("spawn=true");
    }
    if (p.profile() != null) {
      out.add("profile=" + p.profile());
    }
    p.capabilities().forEach(c -> out.add("capabilities=" + c.id()));
    return out;
  }
}
