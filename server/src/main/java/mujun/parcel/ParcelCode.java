package mujun.parcel;

import java.util.Optional;

/**
 * Validates a 宗地代码: the first 19 characters of the 28-character 不动产单元代码 — county code (6 digits), 地籍区 (3),
 * 地籍子区 (3), 宗地特征码 (2: G state / J collective / Z undetermined, then a letter such as B for construction-land
 * use rights) and 宗地顺序号 (5 digits). Example: {@code 410184003007GB00123}.
 */
public final class ParcelCode {
  private ParcelCode() {}

  /** Returns why {@code code} is not a valid 宗地代码, or empty when it is. */
  public static Optional<String> problem(String code) {
    if (code == null || code.isEmpty()) return Optional.of("The 宗地代码 is missing.");
    String c = code.strip();
    if (c.length() == 28) return Optional.of("This looks like a 28-character 不动产单元代码; the 宗地代码 is its first 19 characters.");
    if (c.length() != 19) return Optional.of("The 宗地代码 must have 19 characters; this one has " + c.length() + ".");
    for (int i = 0; i < 12; i++) {
      if (!Character.isDigit(c.charAt(i)) || c.charAt(i) > '9') {
        return Optional.of("Characters 1-12 (county code, 地籍区, 地籍子区) must be digits; position " + (i + 1) + " is not.");
      }
    }
    if ("GJZ".indexOf(c.charAt(12)) < 0) {
      return Optional.of("Character 13 (ownership) must be G (state), J (collective) or Z (undetermined).");
    }
    char use = c.charAt(13);
    if (use < 'A' || use > 'Z') return Optional.of("Character 14 (right type) must be a capital letter, e.g. B for construction-land use rights.");
    for (int i = 14; i < 19; i++) {
      if (c.charAt(i) < '0' || c.charAt(i) > '9') return Optional.of("Characters 15-19 (宗地顺序号) must be digits.");
    }
    if (c.substring(14).equals("00000")) return Optional.of("The 宗地顺序号 cannot be 00000.");
    return Optional.empty();
  }

  public static boolean isValid(String code) {
    return problem(code).isEmpty();
  }
}
