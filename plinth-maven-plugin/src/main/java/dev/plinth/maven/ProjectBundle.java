package dev.plinth.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/** The bundle folder of one Maven project, laid out by {@link BundleFolder} from what the build produced. */
final class ProjectBundle {
  private static final Set<String> BUNDLED_SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);

  private ProjectBundle() {}

  /** The project's {@code plugin.toml}, which must exist. */
  static Path manifest(File manifest) throws MojoFailureException {
    if (!manifest.isFile()) {
      throw GoalFailure.of(MavenErrorCode.MANIFEST_NOT_FOUND, "plugin.toml must exist: " + manifest,
          "Put plugin.toml in src/main/resources (it is copied to target/classes), or set <manifest> to its path.");
    }
    return manifest.toPath();
  }

  /** Lays out the bundle folder and returns it. */
  static Path assemble(MavenProject project, File manifest, File bundleDirectory) throws MojoFailureException {
    Path manifestFile = manifest(manifest);
    File jar = project.getArtifact() == null ? null : project.getArtifact().getFile();
    Path code = jar != null && jar.isFile() ? jar.toPath() : Path.of(project.getBuild().getOutputDirectory());
    List<Path> libraries = project.getArtifacts().stream()
        .filter(a -> BUNDLED_SCOPES.contains(a.getScope()) && "jar".equals(a.getType()) && a.getFile() != null)
        .map(a -> a.getFile().toPath())
        .sorted()
        .toList();
    try {
      if (!Files.exists(code)) {
        Files.createDirectories(code);
      }
      return BundleFolder.assemble(manifestFile, code, libraries, bundleDirectory.toPath());
    } catch (IOException e) {
      throw GoalFailure.of(MavenErrorCode.BUNDLE_IO, "bundle folder cannot be written: " + bundleDirectory + " (" + e.getMessage() + ")",
          "Check that the build folder is writable and that no two dependencies share a file name.");
    }
  }
}
