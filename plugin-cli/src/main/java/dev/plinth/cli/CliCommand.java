package dev.plinth.cli;

import dev.plinth.api.PlinthException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Shared plumbing of every subcommand: the global options, the output, and the mapping of typed
 * errors to exit code 1. Subcommands implement {@link #execute(CliOutput)}.
 */
abstract class CliCommand implements Callable<Integer> {
  @ParentCommand PlinthCli root;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    GlobalOptions g = root.global;
    CliOutput output =
        new CliOutput(spec.commandLine().getOut(), spec.commandLine().getErr(), g.json, g.quiet);
    try {
      return execute(output);
    } catch (PlinthException e) {
      return output.fail(e);
    }
  }

  GlobalOptions global() {
    return root.global;
  }

  abstract int execute(CliOutput out) throws PlinthException;
}
