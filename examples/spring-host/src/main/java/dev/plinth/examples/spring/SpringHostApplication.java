package dev.plinth.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The whole Plinth set-up is in {@code application.properties}: the starter builds and boots the
 * {@code PluginSystem}, and closes it when the application stops.
 */
@SpringBootApplication
public class SpringHostApplication {
  public static void main(String[] args) {
    SpringApplication.run(SpringHostApplication.class, args);
  }
}
