package io.alliancewatch.contracts.validation;

/** One problem with a request: where (an RFC 6901 JSON pointer) and what is wrong. */
public record FieldError(String pointer, String message) {

  /** The same error with its pointer placed under {@code prefix} (e.g. {@code /3}). */
  public FieldError under(String prefix) {
    return new FieldError(prefix + pointer, message);
  }
}
