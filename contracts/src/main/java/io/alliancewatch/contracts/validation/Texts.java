package io.alliancewatch.contracts.validation;

/** Rules on strings shared by every service's input. */
public final class Texts {

  private Texts() {}

  /**
   * Whether {@code text} holds a lone surrogate ({@code \ud800} escaped in JSON): such a string is
   * not Unicode text and is refused wherever a string is taken (edge-cases.md).
   */
  public static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
