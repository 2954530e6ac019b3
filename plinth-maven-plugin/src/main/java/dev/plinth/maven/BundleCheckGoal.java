package dev.plinth.maven;

import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.HostProfiles;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * What {@code preflight} and {@code audit} share: the bundle folder they check, the host profile
 * they check it against and {@code plinth.failOnWarning}.
 */
abstract class BundleCheckGoal extends PlinthGoal {
  /** Where the bundle folder is laid out (shared by {@code preflight}, {@code audit} and {@code pack}). */
  @Parameter(property = "plinth.bundleDirectory", defaultValue = "${project.build.directory}/plinth-bundle")
  @Nullable File bundleDirectory;

  /**
   * The host profile: {@code preflight} checks the bundle against it, and its {@code [sandbox.*]}
   * profiles apply to {@code audit}. Without one, {@code preflight} validates only the manifest and
   * bundle layout, and {@code audit} knows only the built-in profiles.
   */
  @Parameter(property = "plinth.hostProfile", defaultValue = "${project.basedir}/host.toml")
  @Nullable File hostProfile;

  /**
   * Fail on warnings too ({@code preflight}: unknown keys, ...; {@code audit}: undeclared reflection
   * under {@code standard}, declared but unused capabilities).
   */
  @Parameter(property = "plinth.failOnWarning", defaultValue = "false")
  boolean failOnWarning;

  BundleCheckGoal(String goal) {
    super(goal);
  }

  /** Lays out the bundle folder and returns it. */
  final Path assembleBundle() throws MojoFailureException {
    return assembleBundle(bundleDirectory);
  }

  /** The host profile read from {@code hostProfile}, or null when that file does not exist. */
  final @Nullable HostProfile readHostProfile() {
    File host = hostProfile;
    return host == null || !host.isFile() ? null : HostProfiles.read(host.toPath());
  }
}
