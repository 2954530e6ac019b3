package dev.plinth.spring;

import dev.plinth.runtime.PluginSystem;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The health indicator and endpoint, only when Actuator is on the class path. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
class PlinthActuatorConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "plinthHealthIndicator")
  @ConditionalOnEnabledHealthIndicator("plinth")
  HealthIndicator plinthHealthIndicator(PluginSystem system, PlinthProperties properties) {
    return new PlinthHealthIndicator(system, properties.healthDoctorInterval());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint(endpoint = PlinthEndpoint.class)
  PlinthEndpoint plinthEndpoint(PluginSystem system) {
    return new PlinthEndpoint(system);
  }
}
