package dev.plinth.maven;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthException;
import dev.plinth.installer.release.BundlePacker;
import dev.plinth.installer.release.PackedBundle;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * {@code plinth:pack}: lays out the bundle ({@code plugin.toml}, the project jar and its runtime
 * dependencies under {@code lib/}) and packs it into {@code <id>-<version>-<target>.tar.gz} with its
 * {@code .sha256}, byte for byte what {@code plinth pack} writes for the same folder. The archive
 * is attached (type {@code tar.gz}; classifier = target unless {@code noarch}) together with
 * {@code <artifactId>-<version>-plugin.toml} and the {@code .sha256}, the files a
 * {@code maven:group:artifact:version} source reads.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Mojo(name = "pack", defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class PackMojo extends ArchiveGoal {
  /** Key in the plugin context under which {@code sign} finds the archive of this build. */
  static final String ARCHIVE_KEY = "dev.plinth.maven.archive";

  /** Where the bundle folder is laid out (shared by {@code preflight}, {@code audit} and {@code pack}). */
  @Parameter(property = "plinth.bundleDirectory", defaultValue = "${project.build.directory}/plinth-bundle")
  @Nullable File bundleDirectory;

  /** Public for Maven's injector. */
  public PackMojo() {
    super("pack");
  }

  @Override
  void run() throws MojoFailureException {
    Path bundle = assembleBundle(bundleDirectory);
    PackedBundle packed;
    try {
      packed = BundlePacker.pack(bundle, required(outputDirectory).toPath(), target);
    } catch (PlinthException e) {
      throw GoalFailure.of(e);
    } catch (IOException e) {
      throw GoalFailure.of(MavenErrorCode.BUNDLE_IO, "archive cannot be written to " + outputDirectory + ": " + e.getMessage(),
          "Check that the output folder is writable.");
    }
    getLog().info("plinth:pack " + packed.archive() + " (" + packed.size() + " bytes) sha256 " + packed.sha256());
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<Object, Object> context = (Map) getPluginContext();
    if (context != null) {
      context.put(ARCHIVE_KEY, packed.archive());
    }
    if (attach) {
      attach(required(project), packed, bundle);
    }
  }

  private void attach(MavenProject p, PackedBundle packed, Path bundle) throws MojoFailureException {
    if (!packed.version().equals(p.getVersion())) {
      throw GoalFailure.of(MavenErrorCode.VERSION_MISMATCH,
          "plugin.toml version must equal the project version to attach the bundle: " + packed.version()
              + " (project " + p.getVersion() + ")",
          "Write version = \"${project.version}\" in plugin.toml and filter resources, or set <attach>false</attach>.");
    }
    MavenProjectHelper helper = required(projectHelper);
    String classifier = classifier();
    helper.attachArtifact(p, "tar.gz", classifier, packed.archive().toFile());
    helper.attachArtifact(p, "tar.gz.sha256", classifier, packed.sha256File().toFile());
    helper.attachArtifact(p, "toml", "plugin", bundle.resolve("plugin.toml").toFile());
  }
}
