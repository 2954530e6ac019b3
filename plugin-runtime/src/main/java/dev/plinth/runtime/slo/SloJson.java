package dev.plinth.runtime.slo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/** The JSON form of {@link SloReport}: its records as they are, keys in snake_case. */
final class SloJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private SloJson() {}

  static String write(SloReport report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("SLO report cannot be written as JSON", e);
    }
  }

  static SloReport read(String json) {
    try {
      return MAPPER.readValue(json, SloReport.class);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("slo.json must hold an SLO report: " + e.getMessage(), e);
    }
  }
}
