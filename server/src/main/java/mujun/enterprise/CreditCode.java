package mujun.enterprise;

import java.util.Optional;

/**
 * Validates and completes a 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set
 * {@code 0-9 A-H J-N P-R T U W-Y}; the 18th is a check character computed with weights 3^(i) mod 31.
 */
public final class CreditCode {
  static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private CreditCode() {}

  /** Computes the check character for the first 17 characters. */
  public static char checkChar(String first17) {
    if (first17 == null || first17.length() != 17) throw new IllegalArgumentException("need 17 characters");
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int v = CHARS.indexOf(first17.charAt(i));
      if (v < 0) throw new IllegalArgumentException("character not allowed: " + first17.charAt(i));
      sum += v * WEIGHTS[i];
    }
    int c = 31 - sum % 31;
    return CHARS.charAt(c == 31 ? 0 : c);
  }

  /** Returns why {@code code} is not a valid 统一社会信用代码, or empty when it is. */
  public static Optional<String> problem(String code) {
    if (code == null || code.isEmpty()) return Optional.of("The 统一社会信用代码 is missing.");
    if (code.length() != 18) return Optional.of("The 统一社会信用代码 must have 18 characters; this one has " + code.length() + ".");
    for (int i = 0; i < 18; i++) {
      if (CHARS.indexOf(code.charAt(i)) < 0) {
        return Optional.of("Character " + (i + 1) + " ('" + code.charAt(i) + "') is not allowed (digits and capitals except I, O, S, V, Z).");
      }
    }
    char expected = checkChar(code.substring(0, 17));
    if (code.charAt(17) != expected) {
      return Optional.of("The check character is wrong: expected " + expected + ", found " + code.charAt(17) + ". Check for a typing error.");
    }
    return Optional.empty();
  }

  public static boolean isValid(String code) {
    return problem(code).isEmpty();
  }

  /** Computes the GB 11714 check character of an 8-character organization code body (used by the demo generator). */
  public static char orgCheckChar(String first8) {
    int[] w = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char ch = first8.charAt(i);
      int v = Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10;
      sum += v * w[i];
    }
    int c = 11 - sum % 11;
    return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
  }
}
