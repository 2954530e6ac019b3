package dev.plinth.testkit.golden;

import dev.plinth.installer.Phase;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.runtime.PluginStatus;
import org.jspecify.annotations.Nullable;

/** Short text forms of outcomes and statuses for step details. */
final class Outcomes {
  private Outcomes() {}

  static String describe(InstallOutcome o) {
    // if-chain, not a pattern switch: the code compiles with --release 17
    if (o instanceof InstallOutcome.Installed i) {
      return "Installed " + i.version();
    } else if (o instanceof InstallOutcome.AlreadyInstalled a) {
      return "AlreadyInstalled " + a.version();
    } else if (o instanceof InstallOutcome.Upgraded u) {
      return "Upgraded " + u.from() + " -> " + u.to();
    } else if (o instanceof InstallOutcome.Downgraded d) {
      return "Downgraded " + d.from() + " -> " + d.to();
    } else if (o instanceof InstallOutcome.Reverted r) {
      return "Reverted " + r.from() + " -> " + r.to();
    } else if (o instanceof InstallOutcome.Uninstalled u) {
      return "Uninstalled " + u.version();
    } else if (o instanceof InstallOutcome.RolledBack r) {
      return "RolledBack at " + r.phase().jsonName() + " (restored " + r.restoredVersion() + "): "
          + r.cause().code() + ": " + r.cause().message();
    } else if (o instanceof InstallOutcome.Failed f) {
      return "Failed at " + f.phase().jsonName() + ": " + f.cause().code() + ": " + f.cause().message();
    }
    return String.valueOf(o);
  }

  static @Nullable Phase failedPhase(InstallOutcome o) {
    if (o instanceof InstallOutcome.RolledBack r) {
      return r.phase();
    }
    return o instanceof InstallOutcome.Failed f ? f.phase() : null;
  }

  static String status(PluginStatus st) {
    return st.id() + "@" + st.currentVersion() + " " + (st.enabled() ? "enabled" : "disabled") + " " + st.loadState()
        + (st.lastError() == null ? "" : " (last error: " + st.lastError() + ")");
  }
}
