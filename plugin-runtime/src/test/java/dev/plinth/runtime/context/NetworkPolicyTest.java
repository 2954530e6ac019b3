package dev.plinth.runtime.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {
  @Test
  void allows_anyHostEntry_allowsEveryHostButTheMetadataEndpoints() {
    NetworkPolicy any = new NetworkPolicy(List.of("*"));

    assertThat(any.allows(URI.create("https://api.acme.example/v1"))).isTrue();
    assertThat(any.allows(URI.create("http://10.0.0.7:8080/"))).isTrue();
    assertThat(any.allows(URI.create("http://169.254.169.254/latest/meta-data/"))).isFalse();
    assertThat(any.allows(URI.create("http://Metadata.Google.Internal/computeMetadata/v1/"))).isFalse();
  }

  @Test
  void allows_declaredMetadataHost_isStillRefused() {
    NetworkPolicy policy = new NetworkPolicy(List.of("169.254.169.254", "api.acme.example"));

    assertThat(policy.allows(URI.create("http://169.254.169.254/"))).isFalse();
    assertThat(policy.allows(URI.create("https://api.acme.example/"))).isTrue();
  }

  @Test
  void allows_wildcard_matchesSubdomainsOnly() {
    NetworkPolicy policy = new NetworkPolicy(List.of("*.acme.io"));

    assertThat(policy.allows(URI.create("https://eu.acme.io/"))).isTrue();
    assertThat(policy.allows(URI.create("https://acme.io/"))).isFalse();
    assertThat(policy.allows(URI.create("ftp://eu.acme.io/"))).isFalse();
  }

  @Test
  void allows_hostDeniedHostsAndZones_refusedEvenUnderAnyHost() {
    NetworkPolicy policy = new NetworkPolicy(List.of("*", "vault.corp.internal"), List.of("*.corp.internal", "10.0.0.7:8080"));

    assertThat(policy.allows(URI.create("https://vault.corp.internal/v1"))).isFalse();
    assertThat(policy.allows(URI.create("http://10.0.0.7:9090/"))).as("a denied host is denied on every port").isFalse();
    assertThat(policy.allows(URI.create("https://corp.internal/"))).as("the wildcard leaves the apex").isTrue();
    assertThat(policy.allows(URI.create("http://169.254.169.254/"))).as("custom list replaces the defaults").isTrue();
  }
}
