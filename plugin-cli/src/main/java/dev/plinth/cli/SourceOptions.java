package dev.plinth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where plugins come from and how they are trusted: options of the commands that download. */
final class SourceOptions {
  @Option(names = "--trust", paramLabel = "FILE", description = "Trust policy (default: <home>/trust.toml when present, else warn on unsigned).")
  @Nullable Path trust;

  @Option(names = "--github-api", paramLabel = "URL", description = "GitHub API base (default: $PLINTH_GITHUB_API or the public API).")
  @Nullable String githubApi;

  @Option(names = "--maven-repo", paramLabel = "URL", description = "Maven repository base (default: $PLINTH_MAVEN_REPO).")
  @Nullable String mavenRepo;

  @Option(names = "--catalog", paramLabel = "URL", description = "Catalog index URL; repeatable (default: $PLINTH_CATALOGS, comma-separated).")
  List<String> catalogs = new ArrayList<>();

  @Option(names = "--allow-http", description = "Allow plain http:// sources (for loopback test servers only).")
  boolean allowHttp;

  @Option(names = "--host-profile", paramLabel = "FILE", description = "Host profile to check compatibility against (default: <home>/host.toml).")
  @Nullable Path hostProfile;
}
