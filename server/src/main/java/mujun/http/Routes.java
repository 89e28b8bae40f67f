package mujun.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import mujun.auth.Access;
import mujun.auth.AuthController;
import mujun.cluster.ClusterController;
import mujun.enterprise.EnterpriseController;
import mujun.health.HealthController;
import mujun.parcel.ParcelController;

/** Every route of the product with the access it needs, in one table. */
public final class Routes {
  /** One row of the route table. */
  public record Route(HandlerType method, String path, Access access, Handler handler) {}

  private Routes() {}

  public static List<Route> table(HealthController health, AuthController auth, ClusterController clusters,
                                  ParcelController parcels, EnterpriseController enterprises, PageController pages) {
    return List.of(
        new Route(HandlerType.GET, "/health", Access.PUBLIC, health::health),
        new Route(HandlerType.GET, "/app", Access.PUBLIC, pages::app),
        new Route(HandlerType.GET, "/api/config", Access.PUBLIC, pages::clientConfig),
        new Route(HandlerType.GET, "/api/openapi.json", Access.PUBLIC, pages::openapi),

        new Route(HandlerType.POST, "/api/session", Access.PUBLIC, auth::signIn),
        new Route(HandlerType.GET, "/api/session", Access.SIGNED_IN, auth::me),
        new Route(HandlerType.DELETE, "/api/session", Access.SIGNED_IN, auth::signOut),
        new Route(HandlerType.POST, "/api/session/password", Access.SIGNED_IN, auth::changePassword),

        new Route(HandlerType.GET, "/api/clusters", Access.PUBLIC, clusters::list),
        new Route(HandlerType.GET, "/api/land-use-codes", Access.PUBLIC, clusters::landUseCodes),

        new Route(HandlerType.GET, "/api/parcels", Access.SIGNED_IN, parcels::list),
        new Route(HandlerType.POST, "/api/parcels", Access.PARCEL_EDITOR, parcels::create),
        new Route(HandlerType.POST, "/api/parcels/merge", Access.PARCEL_EDITOR, parcels::merge),
        new Route(HandlerType.GET, "/api/parcels/{id}", Access.SIGNED_IN, parcels::one),
        new Route(HandlerType.PATCH, "/api/parcels/{id}", Access.PARCEL_EDITOR, parcels::patch),
        new Route(HandlerType.GET, "/api/parcels/{id}/history", Access.SIGNED_IN, parcels::history),
        new Route(HandlerType.POST, "/api/parcels/{id}/retire", Access.PARCEL_EDITOR, parcels::retire),
        new Route(HandlerType.POST, "/api/parcels/{id}/split", Access.PARCEL_EDITOR, parcels::split),

        new Route(HandlerType.GET, "/api/search", Access.SIGNED_IN, enterprises::search),
        new Route(HandlerType.GET, "/api/enterprises/{id}", Access.SIGNED_IN, enterprises::one));
  }
}
