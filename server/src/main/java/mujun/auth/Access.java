package mujun.auth;

import io.javalin.security.RouteRole;

/** Who may call a route. Every route in {@link mujun.Routes} names exactly one. */
public enum Access implements RouteRole {
  /** Anyone, signed in or not. */
  PUBLIC,
  /** Any signed-in user; the data is further limited to the user's scope inside each query. */
  SIGNED_IN,
  /** admin or resources (natural-resources staff): edits the parcel register within their scope. */
  PARCEL_EDITOR,
  /** admin, resources or park: prepares and runs standard-land offerings within their clusters. */
  LAND_SUPPLY,
  /** admin or park: surveys low-efficiency land and plans its disposal within their clusters. */
  LOW_EFF_EDITOR,
  /** admin or coordinator: runs and publishes evaluations, edits methods. */
  COORDINATOR,
  /** admin, coordinator or park: enters and imports enterprises' yearly figures within their clusters. */
  INDICATOR_EDITOR,
  /** admin, coordinator or park: registers and edits enterprises (one by one or from a roster file) within their clusters. */
  ENTERPRISE_EDITOR,
  /** admin only. */
  ADMIN
}
