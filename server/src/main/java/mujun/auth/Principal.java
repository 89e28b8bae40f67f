package mujun.auth;

import java.util.List;
import java.util.Set;

/**
 * A signed-in user with the clusters each kind of access reaches. The cluster id arrays are bound into queries,
 * so scope is enforced by the database, not by filtering in Java.
 */
public record Principal(long userId, String username, String displayName, Set<String> roles, List<Grant> grants,
                        String csrfToken, Integer[] readableClusters, Integer[] parcelEditableClusters, String via,
                        java.util.Map<String, Integer[]> clustersByRole) {

  public record Grant(String role, String scopeKind, String scopeCode) {}

  /** The request attribute under which the access filter leaves the caller. */
  public static final String ATTRIBUTE = "mujun.principal";

  /** The signed-in caller; routes that reach a controller with a principal have been checked by the access filter. */
  public static Principal of(io.javalin.http.Context ctx) {
    Principal p = ctx.attribute(ATTRIBUTE);
    if (p == null) throw new mujun.error.ApiError(401, "SIGN_IN_REQUIRED", "Sign in first.");
    return p;
  }

  /** The caller, or null when anonymous. */
  public static Principal orNull(io.javalin.http.Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }

  /** A change made by this user, attributed to them, with enterprises resolved within the clusters they read. */
  public mujun.db.Db.Change change(String reason, String operation) {
    return new mujun.db.Db.Change(username, reason, operation, readsProvince() ? null : readableClusters);
  }

  public mujun.db.Db.Change change(String reason) {
    return change(reason, "");
  }

  public boolean has(String role) {
    return roles.contains(role);
  }

  /**
   * Whether a grant reaches the whole province: such a caller reads every cluster, so a read needs no cluster filter
   * (and a cluster added later is included at once).
   */
  public boolean readsProvince() {
    for (Grant g : grants) if ("province".equals(g.scopeKind())) return true;
    return false;
  }

  /** The clusters reached through any of the given roles (bound into queries as the scope of a kind of write). */
  public Integer[] clustersFor(String... roleNames) {
    java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
    for (String r : roleNames) {
      Integer[] a = clustersByRole.get(r);
      if (a != null) ids.addAll(java.util.Arrays.asList(a));
    }
    return ids.toArray(new Integer[0]);
  }

  /** May prepare and run standard-land offerings: admin, natural-resources staff and park managers (in their scope). */
  public boolean canManageLandSupply() {
    return has("admin") || has("resources") || has("park");
  }

  public Integer[] landSupplyClusters() {
    return clustersFor("admin", "resources", "park");
  }

  /** May survey low-efficiency land and plan its disposal: admin and park managers (in their clusters). */
  public boolean canEditLowEfficiency() {
    return has("admin") || has("park");
  }

  public Integer[] lowEfficiencyClusters() {
    return clustersFor("admin", "park");
  }

  /** Runs, reviews and publishes enterprise evaluations: admin and coordinators (in their clusters). */
  public boolean canRunEvaluations() {
    return has("admin") || has("coordinator");
  }

  public Integer[] evaluationClusters() {
    return clustersFor("admin", "coordinator");
  }

  /** Enters and imports enterprises' yearly figures: admin, coordinators and park managers (in their clusters). */
  public boolean canEditIndicators() {
    return has("admin") || has("coordinator") || has("park");
  }

  public Integer[] indicatorClusters() {
    return clustersFor("admin", "coordinator", "park");
  }

  /** Registers and edits enterprises (the roster): admin, coordinators and park managers, in their clusters. */
  public boolean canEditEnterprises() {
    return canEditIndicators();
  }

  public Integer[] enterpriseClusters() {
    return indicatorClusters();
  }

  /** Creates clusters and edits their boundaries and parks: admin and natural-resources staff, in their scope. */
  public Integer[] clusterEditableClusters() {
    return clustersFor("admin", "resources");
  }

  /**
   * Whether a grant of admin or resources reaches the city or county {@code cityCode}: the province, that city, or
   * the prefecture it belongs to (a grant of 410100 reaches 410184).
   */
  public boolean reachesCity(String cityCode) {
    return reachesCity(cityCode, "admin", "resources");
  }

  /**
   * Whether the caller writes the evaluation methods and policies of {@code ownerCity} (null: the province's): an
   * admin or coordinator whose grant covers the province, or that city (or its prefecture).
   */
  public boolean editsMethodsOf(String ownerCity) {
    if (ownerCity == null) {
      for (Grant g : grants) if ((g.role().equals("admin") || g.role().equals("coordinator")) && g.scopeKind().equals("province")) return true;
      return false;
    }
    return reachesCity(ownerCity, "admin", "coordinator");
  }

  private boolean reachesCity(String cityCode, String... roleNames) {
    java.util.List<String> wanted = java.util.List.of(roleNames);
    for (Grant g : grants) {
      if (!wanted.contains(g.role())) continue;
      if (g.scopeKind().equals("province")) return true;
      if (g.scopeKind().equals("city") && (g.scopeCode().equals(cityCode)
          || g.scopeCode().endsWith("00") && cityCode.length() == 6 && cityCode.startsWith(g.scopeCode().substring(0, 4)))) return true;
    }
    return false;
  }

  public boolean canEditParcels() {
    return has("admin") || has("resources");
  }
}
