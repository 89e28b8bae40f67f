package mujun.auth;

import java.util.List;
import java.util.Set;

/**
 * A signed-in user with the clusters each kind of access reaches. The cluster id arrays are bound into queries,
 * so scope is enforced by the database, not by filtering in Java.
 */
public record Principal(long userId, String username, String displayName, Set<String> roles, List<Grant> grants,
                        String csrfToken, Integer[] readableClusters, Integer[] parcelEditableClusters, String via) {

  public record Grant(String role, String scopeKind, String scopeCode) {}

  public boolean has(String role) {
    return roles.contains(role);
  }

  public boolean canEditParcels() {
    return has("admin") || has("resources");
  }
}
