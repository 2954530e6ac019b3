package dev.plinth.cli;

import dev.plinth.installer.events.EventQuery;
import dev.plinth.installer.events.PlinthEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plinth events}: the event log, newest last, with filters. */
@Command(name = "events", description = "Show the event log (newest last).")
final class EventsCommand extends CliCommand {
  @Option(names = "--plugin", paramLabel = "ID", description = "Only events of this plugin.")
  @Nullable String plugin;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type (e.g. rolled_back).")
  @Nullable String type;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int limit = 50;

  @Override
  int execute(CliOutput out) {
    if (limit < 1) {
      return out.fail("USAGE_INVALID", "--limit must be >= 1: " + limit,
          "Pass how many of the newest events to show, e.g. --limit 50 (the default).", null, null);
    }
    List<PlinthEvent> events = StoreAccess.events(global().home)
        .read(EventQuery.all().withPlugin(plugin).withType(type).withLimit(limit));
    for (PlinthEvent e : events) {
      out.summary(e.time() + "  " + e.type() + "  " + (e.pluginId().isEmpty() ? "-" : e.pluginId())
          + (e.version().isEmpty() ? "" : " " + e.version()) + "  " + e.detail());
    }
    return out.ok(events);
  }
}
