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

  public static boolean verify(String password, String hash) {
    return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
  }

  /** Returns why a new password is not acceptable, or null. */
  public static String weakness(String password) {
    if (password == null || password.length() < 10) return "A password needs at least 10 characters.";
    if (password.length() > 72) return "A password may have at most 72 characters.";
    return null;
  }
}
