package io.alliancewatch.contracts.validation;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * RFC 6901 pointers to the members a problem names, written by Jackson's {@link JsonPointer} (which
 * escapes {@code ~} as {@code ~0} and {@code /} as {@code ~1}): a member named {@code a/b} is
 * {@code /a~1b}, never {@code /a/b}, which would name member {@code b} of member {@code a}.
 */
public final class Pointers {

  private Pointers() {}

  /** The pointer to member {@code name} of the value at {@code parent} ({@code ""}: the body). */
  public static String member(String parent, String name) {
    return JsonPointer.compile(parent).appendProperty(name).toString();
  }

  /** The pointer to member {@code name} of the body. */
  public static String member(String name) {
    return member("", name);
  }
}
