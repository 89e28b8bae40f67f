package mujun.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.db.Named;
import mujun.error.ApiError;
import mujun.http.Form;
import mujun.http.Json;

/**
 * Differentiated policies per class as data (land, energy quotas, electricity and water prices, emission rights,
 * credit, tax, subsidies), each with the department that applies it and its legal basis; general ones, or a method's
 * own (which then replace the general ones for that method). Versioned with history; withdrawn, never deleted.
 */
public final class PolicyService {
  private final Db db;

  public PolicyService(Db db) {
    this.db = db;
  }

  private static final String POLICY_JSON = "json_build_object('id', p.id, 'method', m.code, 'methodName', m.name, 'methodNameEn', m.name_en, 'class', p.class, "
      + "'kind', p.kind, 'kindName', pk.name, 'kindNameEn', pk.name_en, 'department', pk.department, 'departmentName', d.name, 'departmentNameEn', d.name_en, "
      + "'description', p.description, 'value', p.value, 'unit', p.unit, 'minConsecutiveYears', p.min_consecutive_years, "
      + "'maxConsecutiveYears', p.max_consecutive_years, 'legalBasis', p.legal_basis, 'active', p.active, 'sort', p.sort, 'version', p.version, "
      + "'changedBy', p.changed_by, 'changedAt', p.changed_at)";

  private static final String FROM = " FROM evaluation_policy p JOIN policy_kind pk ON pk.code = p.kind JOIN policy_department d ON d.code = pk.department "
      + "LEFT JOIN evaluation_method m ON m.id = p.method_id ";

  static final Named LIST = Named.of("SELECT json_build_object('policies', COALESCE((SELECT json_agg(" + POLICY_JSON + " ORDER BY m.code NULLS FIRST, p.class, p.sort, p.id)"
      + FROM + "WHERE (:method::text IS NULL OR m.code = :method OR p.method_id IS NULL)), '[]'), "
      + "'kinds', (SELECT json_agg(json_build_object('code', k.code, 'name', k.name, 'nameEn', k.name_en, 'department', k.department) ORDER BY k.sort) FROM policy_kind k), "
      + "'departments', (SELECT json_agg(json_build_object('code', x.code, 'name', x.name, 'nameEn', x.name_en) ORDER BY x.sort) FROM policy_department x))::text");

  static final Named ONE = Named.of("SELECT " + POLICY_JSON + "::text" + FROM + "WHERE p.id = :id");

  static final Named INSERT = Named.of("INSERT INTO evaluation_policy (method_id, class, kind, description, value, unit, min_consecutive_years, max_consecutive_years, "
      + "legal_basis, sort) VALUES (:method, :class, :kind, :description, :value, :unit, :min, :max, :basis, :sort) RETURNING id::text");

  static final Named UPDATE = Named.of("UPDATE evaluation_policy SET class = COALESCE(:class, class), kind = COALESCE(:kind, kind), "
      + "description = COALESCE(:description, description), value = CASE WHEN :valueGiven THEN :value::numeric ELSE value END, unit = COALESCE(:unit, unit), "
      + "min_consecutive_years = COALESCE(:min, min_consecutive_years), max_consecutive_years = CASE WHEN :maxGiven THEN :max::int ELSE max_consecutive_years END, "
      + "legal_basis = COALESCE(:basis, legal_basis), sort = COALESCE(:sort, sort), active = COALESCE(:active, active) WHERE id = :id AND version = :version");

  static final Named OWNER = Named.of("SELECT p.version, m.owner_city_code, m.id IS NOT NULL FROM evaluation_policy p LEFT JOIN evaluation_method m ON m.id = p.method_id WHERE p.id = :id FOR UPDATE OF p");

  public String list(String method) {
    return db.read(c -> LIST.one(c, Named.values("method", method)));
  }

  public String one(long id) {
    String p = db.read(c -> ONE.one(c, Named.values("id", id)));
    if (p == null) throw ApiError.notFound("No policy " + id + ".");
    return p;
  }

  private static Set<String> kinds(Connection c) throws SQLException {
    Set<String> out = new java.util.TreeSet<>();
    for (Object[] r : Named.of("SELECT code FROM policy_kind").rows(c, Map.of())) out.add(String.valueOf(r[0]));
    return out;
  }

  /** The fields of a policy as given ({@code creating}: class, kind, description and legal basis required). */
  private record Input(String cls, String kind, String description, boolean valueGiven, BigDecimal value, String unit, Integer min, boolean maxGiven,
                       Integer max, String basis, Integer sort, Boolean active) {}

  private static Input input(Connection c, Form f, boolean creating) throws SQLException {
    String cls = f.text("class", 10, creating);
    if (cls != null && !cls.isEmpty() && !cls.matches("[A-Z][+\\-]?|T")) f.problem("class", "must be a class of the method, e.g. A, B, C or D");
    String kind = f.oneOf("kind", kinds(c), creating);
    String description = f.text("description", 500, creating);
    BigDecimal value = f.number("value");
    String unit = f.text("unit", 20, false);
    Integer min = whole(f, "minConsecutiveYears");
    Integer max = whole(f, "maxConsecutiveYears");
    if (min != null && max != null && max < min) f.problem("maxConsecutiveYears", "must not be less than minConsecutiveYears");
    String basis = f.text("legalBasis", 500, creating);
    Integer sort = whole(f, "sort");
    Boolean active = f.has("active") ? (f.body.get("active").isBoolean() ? f.body.get("active").asBoolean() : null) : null;
    if (f.has("active") && active == null) f.problem("active", "must be true or false");
    f.done();
    return new Input(cls, kind, description, f.body.has("value"), value, unit, min, f.body.has("maxConsecutiveYears"), max, basis, sort, active);
  }

  private static Integer whole(Form f, String field) {
    if (!f.has(field)) return null;
    if (!f.body.get(field).isIntegralNumber() || f.body.get(field).asInt() < 1 || f.body.get(field).asInt() > 30) {
      f.problem(field, "must be a whole number of years from 1 to 30");
      return null;
    }
    return f.body.get(field).asInt();
  }

  private static void requireOwner(Principal who, String ownerCity, boolean ofMethod) {
    if (!who.editsMethodsOf(ownerCity)) {
      throw new ApiError(403, "FORBIDDEN", !ofMethod ? "The general policies are the province's: only its coordinators change them."
          : "These are the policies of a method of city " + ownerCity + "; only its coordinators (or the province's) change them.");
    }
  }

  /** POST /api/evaluation/policies: a general policy, or (method) a method's own. */
  public long create(Principal who, ObjectNode body) {
    return db.inTransaction(Db.Change.by(who.username(), "新增差别化政策"), c -> {
      String method = body.path("method").isTextual() ? body.get("method").asText() : null;
      Integer methodId = null;
      String owner = null;
      if (method != null) {
        List<Object[]> m = EvalSql.METHOD_FOR_UPDATE.rows(c, Named.values("code", method));
        if (m.isEmpty()) throw ApiError.unprocessable("VALIDATION_FAILED", "No method " + Json.clip(method) + ".", Map.of("field", "method"));
        methodId = ((Number) m.get(0)[0]).intValue();
        owner = m.get(0)[1] == null ? null : String.valueOf(m.get(0)[1]).strip();
      }
      requireOwner(who, owner, method != null);
      Form f = new Form(body);
      Input in = input(c, f, true);
      return Long.parseLong(INSERT.one(c, Named.values("method", methodId, "class", in.cls(), "kind", in.kind(), "description", in.description(),
          "value", in.value(), "unit", in.unit() == null ? "" : in.unit(), "min", in.min() == null ? 1 : in.min(), "max", in.max(), "basis", in.basis(),
          "sort", in.sort() == null ? 0 : in.sort())));
    });
  }

  /** PATCH /api/evaluation/policies/{id} with the version read (If-Match): any field, or active: false to withdraw it. */
  public void update(Principal who, long id, int version, ObjectNode body) {
    db.inTransaction(Db.Change.by(who.username(), "修改差别化政策 " + id), c -> {
      List<Object[]> o = OWNER.rows(c, Named.values("id", id));
      if (o.isEmpty()) throw ApiError.notFound("No policy " + id + ".");
      requireOwner(who, o.get(0)[1] == null ? null : String.valueOf(o.get(0)[1]).strip(), Boolean.TRUE.equals(o.get(0)[2]));
      Input in = input(c, new Form(body), false);
      int n = UPDATE.update(c, Named.values("class", blankToNull(in.cls()), "kind", blankToNull(in.kind()), "description", blankToNull(in.description()),
          "valueGiven", in.valueGiven(), "value", in.value(), "unit", in.unit(), "min", in.min(), "maxGiven", in.maxGiven(), "max", in.max(),
          "basis", blankToNull(in.basis()), "sort", in.sort(), "active", in.active(), "id", id, "version", version));
      if (n == 0) throw new ApiError(412, "VERSION_CONFLICT", "Policy " + id + " was changed by someone else (now version " + o.get(0)[0] + "); reload it.");
      return null;
    });
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
