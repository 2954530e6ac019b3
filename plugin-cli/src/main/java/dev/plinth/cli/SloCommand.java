package dev.plinth.cli;

import dev.plinth.api.PlinthException;
import dev.plinth.runtime.slo.PluginSlo;
import dev.plinth.runtime.slo.SloReport;
import dev.plinth.runtime.slo.SloTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plinth slo}: the SLO report of the host that runs on this home. The command runs in its
 * own process and sees no receipts, so it reads {@code <home>/slo.json}, which the host's
 * {@code PluginSystem} rewrites at most every few seconds while hooks are called and when it closes;
 * the first line says how old that snapshot is.
 */
@Command(name = "slo", description = "Show per-plugin SLOs: SLIs, error budget left, burn-rate alerts, cost (from <home>/slo.json).")
final class SloCommand extends CliCommand {
  @Option(names = "--plugin", paramLabel = "ID", description = "Only this plugin.")
  @Nullable String plugin;

  @Override
  int execute(CliOutput out) {
    Path home = global().home;
    if (!Files.isDirectory(home)) {
      throw new PlinthException(CliErrorCode.HOME_NOT_FOUND, "--home is not a plugin home: " + home,
          "Pass the home a host uses (--home DIR).", Map.of("home", home.toString()), null);
    }
    Path file = home.resolve(SloTracker.SNAPSHOT_FILE);
    if (!Files.isRegularFile(file)) {
      return out.fail(CliErrorCode.SLO_SNAPSHOT_MISSING.code(), "SLO snapshot not found: " + file,
          "Run the host on this home until hooks are called (it writes " + SloTracker.SNAPSHOT_FILE
              + " every few seconds and on close), then run plinth slo again.", null, null);
    }
    SloReport report;
    try {
      report = SloReport.fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return out.fail(CliErrorCode.SLO_SNAPSHOT_INVALID.code(), "SLO snapshot cannot be read: " + file + ": " + e.getMessage(),
          "Let the host rewrite it (it does within seconds while running), or delete the file.", null, null);
    }
    if (plugin != null) {
      List<PluginSlo> rows = report.plugin(plugin).map(List::of).orElse(List.of());
      report = new SloReport(report.generatedAt(), report.windowSeconds(), rows,
          report.recentAlerts().stream().filter(a -> a.pluginId().equals(plugin)).toList());
    }
    out.summary("snapshot " + file + age(report.generatedAt()));
    out.summary(report.toText().stripTrailing());
    return out.ok(report);
  }

  private static String age(String generatedAt) {
    try {
      Duration age = Duration.between(Instant.parse(generatedAt), Instant.now());
      return age.isNegative() ? "" : " (" + age.toSeconds() + " s old)";
    } catch (DateTimeParseException e) {
      return "";
    }
  }
}
