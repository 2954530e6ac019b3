package dev.plinth.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts. Picocli copies them into each subcommand (inherited scope). */
final class GlobalOptions {
  @Option(
      names = "--home",
      description = "Plugin home folder (default: ${DEFAULT-VALUE}).",
      defaultValue = "./.plinth",
      scope = ScopeType.INHERIT)
  Path home = Path.of("./.plinth");

  @Option(names = "--json", description = "Print one JSON document instead of human output.", scope = ScopeType.INHERIT)
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final result.", scope = ScopeType.INHERIT)
  boolean quiet;
}
