package dev.plinth.runtime;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.store.IntegrityReport;
import dev.plinth.runtime.leak.LeakReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What {@link PluginSystem#doctor()} found: one {@link PluginDiagnosis} per plugin (builtins
 * included) and a {@link StoreDiagnosis}. {@link #toText()} is for people, {@link #toJson()} for
 * host UIs and {@code plinth doctor --json} (snake_case keys; times as ISO-8601 strings).
 *
 * <p>Immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class DoctorReport {
  private final Instant checkedAt;
  private final List<PluginDiagnosis> plugins;
  private final StoreDiagnosis store;

  DoctorReport(Instant checkedAt, List<PluginDiagnosis> plugins, StoreDiagnosis store) {
    this.checkedAt = requireNonNull(checkedAt, "checkedAt");
    this.plugins = List.copyOf(plugins);
    this.store = requireNonNull(store, "store");
  }

  /** When the check ran. */
  public Instant checkedAt() {
    return checkedAt;
  }

  /** Every plugin, by id. */
  public List<PluginDiagnosis> plugins() {
    return plugins;
  }

  public Optional<PluginDiagnosis> plugin(String id) {
    return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public StoreDiagnosis store() {
    return store;
  }

  /** True when the store and every plugin are fine. */
  public boolean healthy() {
    return store.ok() && plugins.stream().allMatch(PluginDiagnosis::ok);
  }

  /** The report as pretty-printed JSON. */
  public String toJson() {
    return DoctorJson.write(this);
  }

  /** The report for a terminal: one block per plugin, then the store. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("plinth doctor: ").append(healthy() ? "healthy" : "problems found").append('\n');
    for (PluginDiagnosis p : plugins) {
      out.append('\n').append(p.ok() ? "[ok]   " : "[FAIL] ").append(p.id())
          .append(p.builtin() ? " (builtin)" : "").append('\n');
      line(out, "current", p.currentVersion() == null ? "(none)" : p.currentVersion());
      line(out, "versions", String.join(", ", p.versions()));
      line(out, "enabled", String.valueOf(p.enabled()));
      line(out, "load state", p.loadState().name());
      if (p.lastError() != null) {
        line(out, "last error", p.lastError());
      }
      line(out, "permissions", (p.permissions().isEmpty() ? "(none)" : String.join(", ", p.permissions()))
          + (p.permissionsAcknowledged() ? "" : "  [NOT ACKNOWLEDGED]"));
      if (!p.builtin()) {
        line(out, "audit", p.audited() ? (p.capabilities().isEmpty() ? "no capabilities used" : "") : "(not audited)");
        p.capabilities().forEach(c -> line(out, "", c));
      }
      line(out, "crash guard", p.crashGuard().failuresInWindow() + " failure(s) in window"
          + (p.crashGuard().disabled() ? ", AUTO-DISABLED" : "")
          + (p.crashGuard().lastCode() == null ? "" : ", last " + p.crashGuard().lastCode()));
      for (LeakReport leak : p.leaks()) {
        line(out, "leak", leak.version() + " loader " + leak.loaderName() + " held by "
            + leak.holders().stream().map(h -> h.kind() + " " + h.name()).toList());
        line(out, "", "next: " + leak.nextStep());
      }
      for (IntegrityReport.Problem problem : p.integrity()) {
        problem(out, problem);
      }
    }
    out.append("\nstore ").append(store.home()).append(store.ok() ? ": ok" : ": problems").append('\n');
    store.interruptedTransactions().forEach(pr -> problem(out, pr));
    store.orphans().forEach(pr -> problem(out, pr));
    store.danglingPointers().forEach(pr -> problem(out, pr));
    store.other().forEach(pr -> problem(out, pr));
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append("  ").append(String.format("%-12s", label)).append(value).append('\n');
  }

  private static void problem(StringBuilder out, IntegrityReport.Problem p) {
    line(out, "integrity", p.code().code() + " " + p.path() + ": " + p.message());
    line(out, "", "next: " + p.nextStep());
  }

  @Override
  public String toString() {
    return "DoctorReport[healthy=" + healthy() + ", plugins=" + plugins.size() + "]";
  }
}
