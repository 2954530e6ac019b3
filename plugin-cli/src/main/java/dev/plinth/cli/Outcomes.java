package dev.plinth.cli;

import dev.plinth.installer.store.InstallOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a store outcome into a human line, a JSON result and an exit code. */
final class Outcomes {
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> OUTCOME_FIELDS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private Outcomes() {}

  static int report(CliOutput out, InstallOutcome outcome) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("outcome", kind(outcome));
    result.putAll(CliOutput.JSON.convertValue(outcome, OUTCOME_FIELDS));
    if (outcome instanceof InstallOutcome.RolledBack o) {
      out.line("rolled back " + o.pluginId() + " after phase " + o.phase().jsonName()
          + (o.restoredVersion() == null ? "; nothing was installed before" : "; " + o.restoredVersion() + " is current again"));
      return out.fail(o.cause().code(), o.cause().message(), o.cause().nextStep(), o.phase().jsonName(), result);
    }
    if (outcome instanceof InstallOutcome.Failed o) {
      return out.fail(o.cause().code(), o.cause().message(), o.cause().nextStep(), o.phase().jsonName(), result);
    }
    out.summary(describe(outcome));
    return out.ok(result);
  }

  static String describe(InstallOutcome outcome) {
    if (outcome instanceof InstallOutcome.Installed o) {
      return "installed " + o.pluginId() + " " + o.version();
    } else if (outcome instanceof InstallOutcome.AlreadyInstalled o) {
      return "already installed: " + o.pluginId() + " " + o.version() + " (nothing changed)";
    } else if (outcome instanceof InstallOutcome.Upgraded o) {
      return "upgraded " + o.pluginId() + " " + o.from() + " -> " + o.to();
    } else if (outcome instanceof InstallOutcome.Downgraded o) {
      return "downgraded " + o.pluginId() + " " + o.from() + " -> " + o.to();
    } else if (outcome instanceof InstallOutcome.Reverted o) {
      return "rolled back " + o.pluginId() + " " + o.from() + " -> " + o.to();
    } else if (outcome instanceof InstallOutcome.Uninstalled o) {
      return "uninstalled " + o.pluginId() + " " + o.version() + (o.dataPurged() ? " (data purged)" : " (data kept)");
    } else if (outcome instanceof InstallOutcome.RolledBack o) {
      return "rolled back " + o.pluginId() + " after phase " + o.phase().jsonName();
    } else if (outcome instanceof InstallOutcome.Failed o) {
      return "failed " + o.pluginId() + " at phase " + o.phase().jsonName() + ": " + o.cause().message();
    }
    return outcome.toString();
  }

  static boolean succeeded(InstallOutcome outcome) {
    return !(outcome instanceof InstallOutcome.RolledBack) && !(outcome instanceof InstallOutcome.Failed);
  }

  static String kind(InstallOutcome outcome) {
    String name = outcome.getClass().getSimpleName();
    StringBuilder snake = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c) && snake.length() > 0) {
        snake.append('_');
      }
      snake.append(Character.toLowerCase(c));
    }
    return snake.toString();
  }
}
