package dev.plinth.installer.pipeline;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.download.HttpSettings;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.extract.ExtractionLimits;
import dev.plinth.installer.source.SourceSettings;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.BundleAuditor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Pipeline}; every setting has a default and may be given once. Not thread-safe.
 *
 * <p>The GitHub token defaults to the environment variable {@code PLINTH_GITHUB_TOKEN}.
 */
@API(status = STABLE, since = "0.1")
public final class PipelineBuilder {
  HttpSettings http = HttpSettings.DEFAULTS;
  TrustPolicy trustPolicy = TrustPolicy.defaults();
  ExtractionLimits limits = ExtractionLimits.DEFAULTS;
  EventSink eventSink = EventSink.NONE;
  /** The auditor given, else the one registered with {@link java.util.ServiceLoader}, looked up at build. */
  private java.util.function.Supplier<Optional<BundleAuditor>> auditor = BundleAuditor::discover;
  private String githubApiBase = SourceSettings.GITHUB_API;
  private @Nullable String githubToken;
  private @Nullable String mavenRepository;
  private String mavenExtension = "tar.gz";
  private List<String> catalogIndexes = List.of();
  private String target = SourceSettings.currentTarget();
  private Function<String, @Nullable String> environment = System::getenv;
  private final Map<String, Object> given = new HashMap<>();

  PipelineBuilder() {}

  public PipelineBuilder httpSettings(HttpSettings value) {
    http = once("httpSettings", http, value);
    return this;
  }

  public PipelineBuilder trustPolicy(TrustPolicy value) {
    trustPolicy = once("trustPolicy", trustPolicy, value);
    return this;
  }

  public PipelineBuilder extractionLimits(ExtractionLimits value) {
    limits = once("extractionLimits", limits, value);
    return this;
  }

  /**
   * The capability audit run on every extracted bundle (default: the {@link BundleAuditor}
   * registered with {@link java.util.ServiceLoader}, i.e. {@code plugin-audit} when it is on the
   * class path, else none). {@link #withoutBundleAudit()} installs without one.
   */
  public PipelineBuilder bundleAuditor(BundleAuditor value) {
    Optional<BundleAuditor> given = Optional.of(once("bundleAuditor", "an auditor", value));
    auditor = () -> given;
    return this;
  }

  /** Installs without a capability audit even when an auditor is on the class path. */
  public PipelineBuilder withoutBundleAudit() {
    once("bundleAuditor", "an auditor", "none");
    auditor = Optional::empty;
    return this;
  }

  /** Receives {@code signature_warning} events. */
  public PipelineBuilder eventSink(EventSink value) {
    eventSink = once("eventSink", eventSink, value);
    return this;
  }

  /** The GitHub API base (default {@code https://api.github.com}; GitHub Enterprise: {@code https://host/api/v3}). */
  public PipelineBuilder githubApiBase(String value) {
    githubApiBase = once("githubApiBase", githubApiBase, value);
    return this;
  }

  /** A GitHub token, sent as {@code Authorization: Bearer} to the API only. */
  public PipelineBuilder githubToken(String value) {
    githubToken = once("githubToken", "<set>", value);
    return this;
  }

  public PipelineBuilder mavenRepository(String value) {
    mavenRepository = once("mavenRepository", String.valueOf(mavenRepository), value);
    return this;
  }

  /** The archive extension in the Maven repository (default {@code tar.gz}). */
  public PipelineBuilder mavenExtension(String value) {
    mavenExtension = once("mavenExtension", mavenExtension, value);
    return this;
  }

  public PipelineBuilder catalogIndexes(List<String> value) {
    catalogIndexes = List.copyOf(once("catalogIndexes", catalogIndexes, value));
    return this;
  }

  /** The release target, e.g. {@code linux-x86_64} (default: this JVM's os and arch). */
  public PipelineBuilder target(String value) {
    target = once("target", target, value);
    return this;
  }

  /** Where {@code PLINTH_GITHUB_TOKEN} is read from (tests). */
  PipelineBuilder environment(Function<String, @Nullable String> value) {
    environment = requireNonNull(value, "environment");
    return this;
  }

  public Pipeline build() {
    return new Pipeline(this);
  }

  SourceSettings sourceSettings() {
    String token = githubToken;
    if (token == null) {
      String env = environment.apply("PLINTH_GITHUB_TOKEN");
      token = env == null || env.isBlank() ? null : env.strip();
    }
    return new SourceSettings(githubApiBase, token, mavenRepository, mavenExtension, catalogIndexes, target);
  }

  /** The auditor to run: the one given, else the registered one (a service look-up, so not before it is needed). */
  Optional<BundleAuditor> auditor() {
    return auditor.get();
  }

  private <T> T once(String field, Object current, T value) {
    requireNonNull(value, field);
    if (given.putIfAbsent(field, value) != null) {
      throw new IllegalStateException(field + " was already set: " + current);
    }
    return value;
  }
}
