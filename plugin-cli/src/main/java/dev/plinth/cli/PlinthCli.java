package dev.plinth.cli;

import static org.apiguardian.api.API.Status.STABLE;

import java.io.PrintWriter;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code plinth} command line. {@link #main} exits with 0 on success, 1 when the operation
 * failed (a typed error is printed with its code and next step) and 2 on a usage error.
 */
@API(status = STABLE, since = "0.1")
@Command(
    name = "plinth",
    mixinStandardHelpOptions = true,
    // Every subcommand takes -h/--help (and -V/--version) too: `plinth install --help`.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = PlinthCli.Version.class,
    description = "Install, inspect and diagnose Plinth plugins.",
    subcommands = {
      PreflightCommand.class,
      AuditCommand.class,
      PackCommand.class,
      InstallCommand.class,
      ListCommands.ListPlugins.class,
      ListCommands.Info.class,
      StateCommands.Enable.class,
      StateCommands.Disable.class,
      OutdatedCommand.class,
      SearchCommand.class,
      ChangeCommands.Upgrade.class,
      ChangeCommands.Rollback.class,
      ChangeCommands.Uninstall.class,
      DoctorCommand.class,
      EventsCommand.class,
      SloCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PlinthCli {
  @Mixin GlobalOptions global = new GlobalOptions();

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line against the given streams and returns the exit code (for tests and embedding). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new PlinthCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          // One write with both newlines, so it cannot land inside a line of stdout on a shared terminal.
          String nl = System.lineSeparator();
          commandLine.getErr().print("error " + CliErrorCode.INTERNAL.code() + ": " + ex + nl
              + "  next step: report this with the command you ran." + nl);
          commandLine.getErr().flush();
          return 1;
        });
    return cli.execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PlinthCli.class.getPackage().getImplementationVersion();
      return new String[] {"plinth " + (v == null ? "dev" : v)};
    }
  }
}
