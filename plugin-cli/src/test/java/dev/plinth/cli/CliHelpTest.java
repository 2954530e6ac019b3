package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every subcommand answers {@code --help} and {@code -h} with its own usage, as the root does. */
class CliHelpTest {
  @Test
  void everySubcommand_helpOption_printsItsUsage_andExitsZero() {
    List<String> names = new CommandLine(new PlinthCli()).getSubcommands().keySet().stream()
        .filter(n -> !n.equals("help"))
        .toList();
    assertThat(names).contains("install", "list", "doctor", "upgrade", "demo");
    for (String name : names) {
      for (String flag : List.of("--help", "-h")) {
        CliRunner r = CliRunner.run(name, flag);
        assertThat(r.exitCode()).as(name + " " + flag + "\n" + r.err()).isZero();
        assertThat(r.out()).as(name + " " + flag).startsWith("Usage: plinth " + name);
        assertThat(r.err()).as(name + " " + flag).isEmpty();
      }
    }
  }

  @Test
  void subcommandHelp_doesNotRunTheCommand() {
    // Without --help, install with no spec and no home is a usage or store error; with it, nothing runs.
    CliRunner r = CliRunner.run("install", "--help", "--home", "/nonexistent/plinth-home");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--host-profile");
  }
}
