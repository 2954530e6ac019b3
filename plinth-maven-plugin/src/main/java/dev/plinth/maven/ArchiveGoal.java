package dev.plinth.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.jspecify.annotations.Nullable;

/**
 * What {@code pack} and {@code sign} share: where the archive is, the target in its name, and
 * whether what they write is attached to the project.
 */
abstract class ArchiveGoal extends PlinthGoal {
  @Component
  @Nullable MavenProjectHelper projectHelper;

  /** Where {@code pack} writes the archive and its digest (and where {@code sign} finds the archive). */
  @Parameter(property = "plinth.outputDirectory", defaultValue = "${project.build.directory}")
  @Nullable File outputDirectory;

  /** The target in the archive name; {@code noarch} is the fallback every host accepts. */
  @Parameter(property = "plinth.target", defaultValue = "noarch")
  String target = "noarch";

  /**
   * Attach what the goal writes to the project (installed and deployed with it): {@code pack} the
   * archive, its digest and the manifest, {@code sign} the {@code .sig} and {@code .pub} beside the
   * attached archive.
   */
  @Parameter(property = "plinth.attach", defaultValue = "true")
  boolean attach = true;

  ArchiveGoal(String goal) {
    super(goal);
  }

  /** The classifier of the attached files: the target, none for {@code noarch}. */
  final @Nullable String classifier() {
    return "noarch".equals(target) ? null : target;
  }
}
