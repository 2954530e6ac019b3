package dev.plinth.maven;

import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

/**
 * What every goal shares: the project, its manifest and {@code plinth.skip}. The plugin descriptor
 * lists the parameters declared here, and in {@link BundleCheckGoal} and {@link ArchiveGoal}, under
 * each goal that extends them. Goals implement {@link #run()}.
 */
abstract class PlinthGoal extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  @Nullable MavenProject project;

  /** The plugin's manifest ({@code sign} reads it to find the archive by name when {@code pack} ran in an earlier build). */
  @Parameter(property = "plinth.manifest", defaultValue = "${project.build.outputDirectory}/plugin.toml")
  @Nullable File manifest;

  @Parameter(property = "plinth.skip", defaultValue = "false")
  boolean skip;

  private final String goal;

  PlinthGoal(String goal) {
    this.goal = goal;
  }

  @Override
  public final void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("plinth:" + goal + " skipped");
      return;
    }
    run();
  }

  /** The goal itself, unless {@code plinth.skip} is set. */
  abstract void run() throws MojoFailureException;

  /** Lays out the bundle folder of this project's build in {@code bundleDirectory} and returns it. */
  final Path assembleBundle(@Nullable File bundleDirectory) throws MojoFailureException {
    return ProjectBundle.assemble(required(project), required(manifest), required(bundleDirectory));
  }

  static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("Maven did not inject a required parameter");
    }
    return value;
  }
}
