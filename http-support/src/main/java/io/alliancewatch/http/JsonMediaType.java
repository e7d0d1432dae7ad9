package io.alliancewatch.http;

import jakarta.ws.rs.core.MediaType;

/** Whether a request's Content-Type says its body is JSON, for the resources that check it. */
public final class JsonMediaType {

  private JsonMediaType() {}

  /**
   * Whether {@code contentType} names {@code application/json}, with any parameters (charset...),
   * in any case; a wildcard, another type or a header that is no media type does not.
   */
  public static boolean names(String contentType) {
    if (contentType == null) {
      return false;
    }
    MediaType type;
    try {
      type = MediaType.valueOf(contentType.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return type.getType().equalsIgnoreCase("application")
        && type.getSubtype().equalsIgnoreCase("json");
  }
}
