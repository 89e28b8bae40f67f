package mujun.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing of passwords (cost 11) and the rule a new password must meet. */
public final class Passwords {
  private static final int COST = 11;
  /** A valid hash of a random password, verified against when the user does not exist, so timing does not tell. */
  static final String DUMMY = hash("mujun-no-such-user-" + System.nanoTime());

  private Passwords() {}

  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  /** bcrypt reads at most this many bytes of a password. */
  public static final int MAX_BYTES = 72;

  /**
   * Whether {@code password} matches {@code hash}. A password longer than bcrypt can read never matches (no password
   * that long can have been set), but is hashed as long as any other, so the answer takes the same time.
   */
  public static boolean verify(String password, String hash) {
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    boolean tooLong = pw.length > MAX_BYTES;
    if (tooLong) pw = java.util.Arrays.copyOf(pw, MAX_BYTES);
    boolean ok = BCrypt.verifyer().verify(pw, hash.getBytes(StandardCharsets.UTF_8)).verified;
    return ok && !tooLong;
  }

  /** Returns why a new password is not acceptable, or null. */
  public static String weakness(String password) {
    if (password == null || password.length() < 10) return "A password needs at least 10 characters.";
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "A password may have at most " + MAX_BYTES + " bytes in UTF-8 (a Chinese character takes 3).";
    }
    return null;
  }
}
