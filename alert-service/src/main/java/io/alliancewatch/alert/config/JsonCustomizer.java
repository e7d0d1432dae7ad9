package io.alliancewatch.alert.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alliancewatch.contracts.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Quarkus' mapper gets the contracts' wire settings ({@link Json#configure}): this service answers
 * in the format of the records on the topics, and reads JSON as strictly as they are read.
 */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    Json.configure(mapper);
  }
}
