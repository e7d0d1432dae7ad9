package io.alliancewatch.contracts.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An error answer in {@code application/problem+json} (RFC 9457), with one {@code errors} entry per
 * problem (contract.md). A problem about the request as a whole (a media type, a size, a broker
 * that did not answer) has one entry: pointer {@code ""} (the whole body, RFC 6901) and the detail.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://alliancewatch.io/problems/";

  /** A problem of the given kind, e.g. {@code validation}, {@code malformed-json}. */
  public static Problem of(int status, String kind, String title, String detail) {
    return new Problem(
        TYPE_BASE + kind, title, status, detail, null, List.of(new FieldError("", detail)));
  }

  /** The same problem with these entries; none given keeps the one about the whole request. */
  public Problem withErrors(List<FieldError> fieldErrors) {
    if (fieldErrors.isEmpty()) {
      return this;
    }
    return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
  }
}
