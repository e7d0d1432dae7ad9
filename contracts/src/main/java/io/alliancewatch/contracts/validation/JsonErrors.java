package io.alliancewatch.contracts.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Where a body's JSON broke, said the same way by every service: the message's first line, the line
 * and column, and the pointer of the member being read (a name given twice points at that member).
 */
public final class JsonErrors {

  private JsonErrors() {}

  /** The problem entry: pointer of the member being read, message with line and column. */
  public static FieldError fieldError(JsonProcessingException e) {
    return new FieldError(pointerOf(e), firstLine(e.getOriginalMessage()) + where(e));
  }

  /** The problem's detail: "The body is not valid JSON at line 1, column 20: ...". */
  public static String detail(JsonProcessingException e) {
    return "The body is not valid JSON" + where(e) + ": " + firstLine(e.getOriginalMessage());
  }

  /** The first line of a parser's message (Jackson appends the source on further lines). */
  public static String firstLine(String message) {
    if (message == null) {
      return "unreadable JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String pointerOf(JsonProcessingException e) {
    if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
      return parser.getParsingContext().pathAsPointer().toString();
    }
    return "";
  }
}
