package mujun;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import mujun.admin.AdminController;
import mujun.auth.Access;
import mujun.auth.AuthController;
import mujun.cluster.ClusterController;
import mujun.enterprise.EnterpriseController;
import mujun.health.HealthController;
import mujun.importing.ImportController;
import mujun.ogcapi.OgcController;
import mujun.tiles.TileController;
import mujun.http.PageController;
import mujun.parcel.ParcelController;

/** Every route of the product with the access it needs, what the audit log calls it, and whether it is heavy. */
public final class Routes {
  /**
   * One row of the route table. {@code audit} names the action recorded for every call (null: not recorded, as for
   * plain reads); {@code heavy} routes are limited to a few concurrent calls per user.
   */
  public record Route(HandlerType method, String path, Access access, Handler handler, String audit, boolean heavy) {
    public String key() {
      return method.name() + " " + path;
    }
  }

  private static Route r(HandlerType m, String path, Access a, Handler h) {
    return new Route(m, path, a, h, null, false);
  }

  private static Route audited(HandlerType m, String path, Access a, Handler h, String action) {
    return new Route(m, path, a, h, action, false);
  }

  private static Route heavy(HandlerType m, String path, Access a, Handler h, String action) {
    return new Route(m, path, a, h, action, true);
  }

  private Routes() {}

  /** The controllers the table dispatches to. */
  public record Controllers(HealthController health, AuthController auth, ClusterController clusters, ParcelController parcels,
                            EnterpriseController enterprises, PageController pages, AdminController admin, ImportController imports,
                            TileController tiles, OgcController ogc, mujun.standardland.LandController land,
                            mujun.standardland.PublicLandController publicLand, mujun.lowefficiency.LowEffController lowEff,
                            mujun.evaluation.EvalController eval, mujun.plan.PlanController plan, mujun.plan.PublicReports reports,
                            mujun.plan.AssessmentController assessment) {}

  public static List<Route> table(Controllers c) {
    HandlerType get = HandlerType.GET, post = HandlerType.POST, patch = HandlerType.PATCH, delete = HandlerType.DELETE;
    HandlerType put = HandlerType.PUT, options = HandlerType.OPTIONS, head = HandlerType.HEAD;
    OgcController o = c.ogc();
    List<Route> ogc = new java.util.ArrayList<>(List.of(
        r(get, "/ogcapi", Access.PUBLIC, o::landing),
        r(get, "/ogcapi/conformance", Access.PUBLIC, o::conformance),
        r(get, "/ogcapi/api", Access.PUBLIC, o::api),
        r(get, "/ogcapi/collections", Access.PUBLIC, o::collections)));
    for (String id : List.of("clusters", "parcels", "enterprises", "standard-land", "low-efficiency-land")) {
      Access read = OgcController.isPublic(id) ? Access.PUBLIC : Access.SIGNED_IN;
      String base = "/ogcapi/collections/" + id;
      ogc.add(r(get, base, read, ctx -> o.collection(ctx, id)));
      ogc.add(r(get, base + "/queryables", read, ctx -> o.queryables(ctx, id)));
      ogc.add(r(get, base + "/schema", read, ctx -> o.schema(ctx, id)));
      ogc.add(heavy(get, base + "/items", read, ctx -> o.items(ctx, id), null));
      ogc.add(r(get, base + "/items/{featureId}", read, ctx -> o.item(ctx, id)));
      ogc.add(r(head, base + "/items/{featureId}", read, ctx -> o.item(ctx, id))); // the headers of GET (ETag), no body
      ogc.add(r(options, base + "/items", Access.PUBLIC, ctx -> o.writes().options(ctx, id, false)));
      ogc.add(r(options, base + "/items/{featureId}", Access.PUBLIC, ctx -> o.writes().options(ctx, id, true)));
    }
    ogc.add(audited(post, "/ogcapi/collections/parcels/items", Access.PARCEL_EDITOR, o.writes()::create, "parcel.create"));
    ogc.add(audited(put, "/ogcapi/collections/parcels/items/{featureId}", Access.PARCEL_EDITOR, o.writes()::replace, "parcel.update"));
    ogc.add(audited(patch, "/ogcapi/collections/parcels/items/{featureId}", Access.PARCEL_EDITOR, o.writes()::update, "parcel.update"));
    ogc.add(audited(delete, "/ogcapi/collections/parcels/items/{featureId}", Access.PARCEL_EDITOR, o.writes()::delete, "parcel.retire"));
    String le = "/ogcapi/collections/low-efficiency-land/items";
    ogc.add(audited(post, le, Access.LOW_EFF_EDITOR, o.writes()::createTag, "low-efficiency.tag"));
    ogc.add(audited(put, le + "/{featureId}", Access.LOW_EFF_EDITOR, o.writes()::updateTag, "low-efficiency.tag-update"));
    ogc.add(audited(patch, le + "/{featureId}", Access.LOW_EFF_EDITOR, o.writes()::updateTag, "low-efficiency.tag-update"));
    ogc.add(audited(delete, le + "/{featureId}", Access.LOW_EFF_EDITOR, o.writes()::deleteTag, "low-efficiency.tag-clear"));
    List<Route> all = new java.util.ArrayList<>(ogc);
    all.addAll(List.of(
        r(get, "/health", Access.PUBLIC, c.health()::health),
        r(get, "/metrics", Access.ADMIN, c.health()::metrics),
        r(get, "/app", Access.PUBLIC, c.pages()::app),
        r(get, "/api/config", Access.PUBLIC, c.pages()::clientConfig),
        r(get, "/api/openapi.json", Access.PUBLIC, c.pages()::openapi),

        r(post, "/api/session", Access.PUBLIC, c.auth()::signIn),
        r(get, "/api/session", Access.SIGNED_IN, c.auth()::me),
        audited(delete, "/api/session", Access.SIGNED_IN, c.auth()::signOut, "session.sign-out"),
        audited(post, "/api/session/password", Access.SIGNED_IN, c.auth()::changePassword, "user.password-change"),
        r(get, "/api/tokens", Access.SIGNED_IN, c.auth()::tokens),
        audited(post, "/api/tokens", Access.SIGNED_IN, c.auth()::createToken, "token.create"),
        audited(delete, "/api/tokens/{id}", Access.SIGNED_IN, c.auth()::revokeToken, "token.revoke"),

        r(get, "/api/clusters", Access.PUBLIC, c.clusters()::list),
        r(get, "/api/land-use-codes", Access.PUBLIC, c.clusters()::landUseCodes),
        r(get, "/api/land-use-rules", Access.PUBLIC, c.land()::landUseRules),
        audited(HandlerType.PUT, "/api/land-use-rules", Access.PARCEL_EDITOR, c.land()::putLandUseRule, "land.use-rule"),
        audited(post, "/api/clusters", Access.PARCEL_EDITOR, c.clusters()::create, "cluster.create"),
        r(get, "/api/clusters/{id}", Access.SIGNED_IN, c.clusters()::one),
        audited(patch, "/api/clusters/{id}", Access.PARCEL_EDITOR, c.clusters()::update, "cluster.update"),
        r(get, "/api/clusters/{id}/history", Access.SIGNED_IN, c.clusters()::history),
        heavy(post, "/api/boundary-files", Access.PARCEL_EDITOR, c.clusters()::boundaryFile, "cluster.boundary-file"),
        r(get, "/api/cities", Access.SIGNED_IN, c.clusters()::cities),
        audited(post, "/api/cities", Access.ADMIN, c.clusters()::createCity, "city.create"),
        r(get, "/api/park-kinds", Access.SIGNED_IN, c.clusters()::parkKinds),
        r(get, "/api/parks", Access.SIGNED_IN, c.clusters()::parks),
        audited(post, "/api/parks", Access.PARCEL_EDITOR, c.clusters()::createPark, "park.create"),
        r(get, "/api/parks/{id}", Access.SIGNED_IN, c.clusters()::park),
        audited(patch, "/api/parks/{id}", Access.PARCEL_EDITOR, c.clusters()::updatePark, "park.update"),
        r(get, "/api/parks/{id}/history", Access.SIGNED_IN, c.clusters()::parkHistory),

        heavy(get, "/api/parcels", Access.SIGNED_IN, c.parcels()::list, null),
        audited(post, "/api/parcels", Access.PARCEL_EDITOR, c.parcels()::create, "parcel.create"),
        audited(post, "/api/parcels/merge", Access.PARCEL_EDITOR, c.parcels()::merge, "parcel.merge"),
        r(get, "/api/parcels/schema", Access.SIGNED_IN, c.parcels()::schema),
        r(get, "/api/parcels/{id}", Access.SIGNED_IN, c.parcels()::one),
        audited(patch, "/api/parcels/{id}", Access.PARCEL_EDITOR, c.parcels()::patch, "parcel.update"),
        r(get, "/api/parcels/{id}/history", Access.SIGNED_IN, c.parcels()::history),
        audited(post, "/api/parcels/{id}/retire", Access.PARCEL_EDITOR, c.parcels()::retire, "parcel.retire"),
        audited(post, "/api/parcels/{id}/split", Access.PARCEL_EDITOR, c.parcels()::split, "parcel.split"),

        heavy(post, "/api/imports", Access.PARCEL_EDITOR, c.imports()::upload, "import.upload"),
        r(get, "/api/imports", Access.PARCEL_EDITOR, c.imports()::list),
        r(get, "/api/imports/{id}", Access.PARCEL_EDITOR, c.imports()::one),
        heavy(post, "/api/imports/{id}/check", Access.PARCEL_EDITOR, c.imports()::check, "import.check"),
        heavy(post, "/api/imports/{id}/commit", Access.PARCEL_EDITOR, c.imports()::commit, "import.commit"),
        heavy(get, "/api/imports/{id}/features", Access.PARCEL_EDITOR, c.imports()::features, null),
        heavy(get, "/api/imports/{id}/report.csv", Access.PARCEL_EDITOR, c.imports()::reportCsv, null),
        heavy(get, "/api/imports/{id}/report.xlsx", Access.PARCEL_EDITOR, c.imports()::reportXlsx, null),
        heavy(get, "/api/exports/parcels", Access.SIGNED_IN, c.imports()::export, "export.parcels"),

        r(get, "/tiles/clusters/{z}/{x}/{y}", Access.PUBLIC, ctx -> c.tiles().tile(ctx, "clusters")),
        r(get, "/tiles/clusters/tilejson.json", Access.PUBLIC, ctx -> c.tiles().tileJson(ctx, "clusters")),
        r(get, "/tiles/parcels/{z}/{x}/{y}", Access.SIGNED_IN, ctx -> c.tiles().tile(ctx, "parcels")),
        r(get, "/tiles/parcels/tilejson.json", Access.SIGNED_IN, ctx -> c.tiles().tileJson(ctx, "parcels")),
        r(get, "/tiles/standard-land/{z}/{x}/{y}", Access.PUBLIC, ctx -> c.tiles().tile(ctx, "standard-land")),
        r(get, "/tiles/standard-land/tilejson.json", Access.PUBLIC, ctx -> c.tiles().tileJson(ctx, "standard-land")),

        r(get, "/tiles/low-efficiency-land/{z}/{x}/{y}", Access.SIGNED_IN, ctx -> c.tiles().tile(ctx, "low-efficiency-land")),
        r(get, "/tiles/low-efficiency-land/tilejson.json", Access.SIGNED_IN, ctx -> c.tiles().tileJson(ctx, "low-efficiency-land")),

        r(get, "/api/low-efficiency/config", Access.SIGNED_IN, c.lowEff()::config),
        audited(put, "/api/low-efficiency/thresholds", Access.ADMIN, c.lowEff()::setThresholds, "low-efficiency.thresholds"),
        heavy(get, "/api/low-efficiency/tags", Access.SIGNED_IN, c.lowEff()::list, null),
        audited(post, "/api/low-efficiency/tags", Access.LOW_EFF_EDITOR, c.lowEff()::createTag, "low-efficiency.tag"),
        r(get, "/api/low-efficiency/tags/{id}", Access.SIGNED_IN, c.lowEff()::tag),
        audited(patch, "/api/low-efficiency/tags/{id}", Access.LOW_EFF_EDITOR, c.lowEff()::updateTag, "low-efficiency.tag-update"),
        audited(post, "/api/low-efficiency/tags/{id}/clear", Access.LOW_EFF_EDITOR, c.lowEff()::clearTag, "low-efficiency.tag-clear"),
        heavy(post, "/api/low-efficiency/tags/{id}/evidence", Access.LOW_EFF_EDITOR, c.lowEff()::addEvidence, "low-efficiency.evidence"),
        r(get, "/api/low-efficiency/tags/{id}/evidence/{fileId}", Access.SIGNED_IN, c.lowEff()::evidence),
        audited(post, "/api/low-efficiency/tags/{id}/plan", Access.LOW_EFF_EDITOR, c.lowEff()::createPlan, "low-efficiency.plan"),
        audited(patch, "/api/low-efficiency/plans/{id}", Access.LOW_EFF_EDITOR, c.lowEff()::updatePlan, "low-efficiency.plan-update"),
        audited(post, "/api/low-efficiency/plans/{id}/steps", Access.LOW_EFF_EDITOR, c.lowEff()::addStep, "low-efficiency.step"),
        audited(patch, "/api/low-efficiency/steps/{id}", Access.LOW_EFF_EDITOR, c.lowEff()::updateStep, "low-efficiency.step-update"),
        audited(post, "/api/low-efficiency/parcels/{id}/pauses", Access.LOW_EFF_EDITOR, c.lowEff()::addPause, "low-efficiency.pause"),
        audited(post, "/api/low-efficiency/pauses/{id}/withdraw", Access.LOW_EFF_EDITOR, c.lowEff()::withdrawPause, "low-efficiency.pause-withdraw"),
        audited(post, "/api/low-efficiency/tags/{id}/decisions", Access.LOW_EFF_EDITOR, c.lowEff()::recordDecision, "low-efficiency.decision"),
        r(get, "/api/low-efficiency/proposals", Access.SIGNED_IN, c.lowEff()::proposals),
        heavy(post, "/api/low-efficiency/proposals/run", Access.LOW_EFF_EDITOR, c.lowEff()::run, "low-efficiency.rules-run"),
        audited(post, "/api/low-efficiency/proposals/{id}/accept", Access.LOW_EFF_EDITOR, c.lowEff()::accept, "low-efficiency.accept"),
        audited(post, "/api/low-efficiency/proposals/{id}/dismiss", Access.LOW_EFF_EDITOR, c.lowEff()::dismiss, "low-efficiency.dismiss"),
        heavy(get, "/api/low-efficiency/summary", Access.SIGNED_IN, c.lowEff()::summary, null),
        heavy(get, "/api/low-efficiency/report.csv", Access.SIGNED_IN, c.lowEff()::reportCsv, "export.low-efficiency"),
        heavy(get, "/api/low-efficiency/report.xlsx", Access.SIGNED_IN, c.lowEff()::reportXlsx, "export.low-efficiency"),

        r(get, "/api/plan", Access.SIGNED_IN, c.plan()::overview),
        r(get, "/api/assessment", Access.SIGNED_IN, c.assessment()::overview),
        audited(post, "/api/assessment/methods/{code}/versions", Access.COORDINATOR, c.assessment()::saveVersion, "assessment.method-version"),
        audited(HandlerType.PUT, "/api/assessment/figures", Access.COORDINATOR, c.assessment()::putFigure, "assessment.figure"),
        heavy(post, "/api/assessment/runs", Access.COORDINATOR, c.assessment()::run, "assessment.run"),
        r(get, "/api/assessment/runs/{id}", Access.SIGNED_IN, c.assessment()::one),
        audited(post, "/api/assessment/runs/{id}/publish", Access.COORDINATOR, c.assessment()::publish, "assessment.publish"),
        r(get, "/api/public/reports", Access.PUBLIC, c.reports()::years),
        r(get, "/api/public/reports/{year}", Access.PUBLIC, c.reports()::report),
        audited(HandlerType.PUT, "/api/public-reports/{year}", Access.COORDINATOR, c.reports()::put, "report.publish"),
        audited(post, "/api/plan/tasks", Access.COORDINATOR, c.plan()::createTask, "plan.task-create"),
        audited(post, "/api/plan/tasks/copy", Access.COORDINATOR, c.plan()::copy, "plan.copy"),
        r(get, "/api/plan/tasks/{id}", Access.SIGNED_IN, c.plan()::task),
        audited(patch, "/api/plan/tasks/{id}", Access.COORDINATOR, c.plan()::updateTask, "plan.task-update"),

        r(get, "/api/evaluation/methods", Access.SIGNED_IN, c.eval()::methods),
        audited(post, "/api/evaluation/methods", Access.COORDINATOR, c.eval()::createMethod, "evaluation.method-create"),
        r(post, "/api/evaluation/methods/check", Access.COORDINATOR, c.eval()::checkMethod),
        r(get, "/api/evaluation/methods/{code}", Access.SIGNED_IN, c.eval()::method),
        audited(post, "/api/evaluation/methods/{code}/versions", Access.COORDINATOR, c.eval()::saveVersion, "evaluation.method-version"),
        audited(patch, "/api/evaluation/methods/{code}/versions/{version}", Access.COORDINATOR, c.eval()::changeVersion, "evaluation.method-version-change"),
        heavy(post, "/api/evaluation/methods/{code}/versions/{version}/preview", Access.COORDINATOR, c.eval()::preview, null),
        r(get, "/api/evaluation/policies", Access.SIGNED_IN, c.eval()::policies),
        audited(post, "/api/evaluation/policies", Access.COORDINATOR, c.eval()::createPolicy, "evaluation.policy-create"),
        r(get, "/api/evaluation/policies/{id}", Access.SIGNED_IN, c.eval()::policy),
        audited(patch, "/api/evaluation/policies/{id}", Access.COORDINATOR, c.eval()::updatePolicy, "evaluation.policy-update"),
        heavy(post, "/api/evaluation/runs", Access.COORDINATOR, c.eval()::run, "evaluation.run"),
        r(get, "/api/evaluation/runs", Access.SIGNED_IN, c.eval()::runs),
        r(get, "/api/evaluation/runs/{id}", Access.SIGNED_IN, c.eval()::one),
        heavy(get, "/api/evaluation/runs/{id}/results", Access.SIGNED_IN, c.eval()::results, null),
        r(get, "/api/evaluation/runs/{id}/enterprises/{enterpriseId}", Access.SIGNED_IN, c.eval()::explain),
        audited(post, "/api/evaluation/runs/{id}/publish", Access.COORDINATOR, c.eval()::publish, "evaluation.publish"),
        audited(post, "/api/evaluation/runs/{id}/discard", Access.COORDINATOR, c.eval()::discard, "evaluation.discard"),
        heavy(post, "/api/evaluation/runs/{id}/verify", Access.COORDINATOR, c.eval()::verify, "evaluation.verify"),
        heavy(get, "/api/evaluation/runs/{id}/results.csv", Access.SIGNED_IN, c.eval()::resultsCsv, "export.evaluation"),
        heavy(get, "/api/evaluation/runs/{id}/results.xlsx", Access.SIGNED_IN, c.eval()::resultsXlsx, "export.evaluation"),
        heavy(get, "/api/evaluation/runs/{id}/policies.csv", Access.SIGNED_IN, c.eval()::policiesCsv, "export.policies"),
        heavy(get, "/api/evaluation/runs/{id}/policies.xlsx", Access.SIGNED_IN, c.eval()::policiesXlsx, "export.policies"),
        heavy(get, "/api/evaluation/runs/{id}/map", Access.SIGNED_IN, c.eval()::map, null),
        heavy(get, "/api/evaluation/dashboard", Access.SIGNED_IN, c.eval()::dashboard, null),
        audited(put, "/api/enterprises/{id}/indicators/{year}", Access.INDICATOR_EDITOR, c.eval()::putIndicators, "indicators.update"),
        heavy(get, "/api/indicators/template.csv", Access.INDICATOR_EDITOR, c.eval()::templateCsv, null),
        heavy(get, "/api/indicators/template.xlsx", Access.INDICATOR_EDITOR, c.eval()::templateXlsx, null),
        r(get, "/api/figure-sources", Access.SIGNED_IN, c.eval()::figureSources),
        heavy(post, "/api/indicator-imports", Access.INDICATOR_EDITOR, c.eval()::importCheck, "indicators.import-check"),
        heavy(post, "/api/indicator-imports/{id}/commit", Access.INDICATOR_EDITOR, c.eval()::importCommit, "indicators.import"),

        r(get, "/api/public/standard-land", Access.PUBLIC, c.publicLand()::list),
        r(get, "/api/public/standard-land/{id}", Access.PUBLIC, c.publicLand()::one),
        r(get, "/api/public/standard-land/{id}/documents/{fileId}", Access.PUBLIC, c.publicLand()::document),
        r(get, "/feeds/standard-land.atom", Access.PUBLIC, c.publicLand()::atom),
        r(get, "/feeds/standard-land.rss", Access.PUBLIC, c.publicLand()::rss),
        r(get, "/api/standard-land-config", Access.PUBLIC, c.land()::config),
        r(get, "/api/clusters/{id}/standards", Access.SIGNED_IN, c.land()::clusterStandards),
        audited(put, "/api/clusters/{id}/standards", Access.LAND_SUPPLY, c.land()::setClusterStandards, "cluster.standards"),
        r(get, "/api/standard-land", Access.SIGNED_IN, c.land()::list),
        r(get, "/api/standard-land/pipeline", Access.SIGNED_IN, c.land()::pipeline),
        audited(post, "/api/standard-land", Access.LAND_SUPPLY, c.land()::create, "standard-land.create"),
        r(get, "/api/standard-land/{id}", Access.SIGNED_IN, c.land()::one),
        audited(patch, "/api/standard-land/{id}", Access.LAND_SUPPLY, c.land()::patch, "standard-land.update"),
        audited(post, "/api/standard-land/{id}/transition", Access.LAND_SUPPLY, c.land()::transition, "standard-land.transition"),
        heavy(post, "/api/standard-land/{id}/documents", Access.LAND_SUPPLY, c.land()::addDocument, "standard-land.document"),
        r(get, "/api/standard-land/{id}/documents/{fileId}", Access.SIGNED_IN, c.land()::document),

        heavy(get, "/api/search", Access.SIGNED_IN, c.enterprises()::search, null),
        r(get, "/api/enterprises", Access.SIGNED_IN, c.enterprises()::list),
        audited(post, "/api/enterprises", Access.ENTERPRISE_EDITOR, c.enterprises()::create, "enterprise.create"),
        r(get, "/api/enterprises/{id}", Access.SIGNED_IN, c.enterprises()::one),
        audited(patch, "/api/enterprises/{id}", Access.ENTERPRISE_EDITOR, c.enterprises()::update, "enterprise.update"),
        r(get, "/api/enterprises/{id}/history", Access.SIGNED_IN, c.enterprises()::history),
        heavy(get, "/api/enterprise-imports/template.csv", Access.ENTERPRISE_EDITOR, c.enterprises()::templateCsv, null),
        heavy(get, "/api/enterprise-imports/template.xlsx", Access.ENTERPRISE_EDITOR, c.enterprises()::templateXlsx, null),
        heavy(post, "/api/enterprise-imports", Access.ENTERPRISE_EDITOR, c.enterprises()::importCheck, "enterprise.import-check"),
        heavy(post, "/api/enterprise-imports/{id}/commit", Access.ENTERPRISE_EDITOR, c.enterprises()::importCommit, "enterprise.import"),

        r(get, "/api/admin/users", Access.ADMIN, c.admin()::users),
        audited(post, "/api/admin/users", Access.ADMIN, c.admin()::createUser, "user.create"),
        audited(patch, "/api/admin/users/{id}", Access.ADMIN, c.admin()::updateUser, "user.update"),
        audited(post, "/api/admin/users/{id}/unlock", Access.ADMIN, c.admin()::unlock, "user.unlock"),
        audited(post, "/api/admin/users/{id}/password", Access.ADMIN, c.admin()::resetPassword, "user.password-reset"),
        r(get, "/api/admin/tokens", Access.ADMIN, c.admin()::tokens),
        audited(delete, "/api/admin/tokens/{id}", Access.ADMIN, c.admin()::revokeToken, "token.revoke"),
        heavy(get, "/api/admin/audit", Access.ADMIN, c.admin()::audit, null),
        heavy(get, "/api/admin/audit.csv", Access.ADMIN, c.admin()::auditCsv, "audit.export")));
    return List.copyOf(all);
  }
}
