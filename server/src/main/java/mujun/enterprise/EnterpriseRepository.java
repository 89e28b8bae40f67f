package mujun.enterprise;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import mujun.auth.Principal;
import mujun.db.Db;
import mujun.db.Named;

/** Reads of enterprises and the search box, always within the caller's clusters. */
final class EnterpriseRepository {
  /**
   * The search box: current parcels whose 宗地代码 begins or ends with the text (the reversed code is indexed for
   * that), or whose holder's name contains it or credit code begins with it; enterprises by name or credit code; the
   * first 20 of each with how many match in all (counted up to 1,000: 1001 means more).
   */
  private static final String PARCEL_MATCH = "FROM parcel p WHERE p.status = 'current' AND p.cluster_id = ANY(:scope) "
      + "AND (p.code LIKE :prefix ESCAPE '\\' OR reverse(p.code) LIKE :reversed ESCAPE '\\' "
      + "OR p.holder_id IN (SELECT id FROM enterprise WHERE lower(name) LIKE :contains ESCAPE '\\' OR credit_code LIKE :prefix ESCAPE '\\'))";
  private static final String ENTERPRISE_MATCH = "FROM enterprise e WHERE e.cluster_id = ANY(:scope) "
      + "AND (lower(e.name) LIKE :contains ESCAPE '\\' OR e.credit_code LIKE :prefix ESCAPE '\\')";
  private static final Named SEARCH = Named.of(
      "SELECT json_build_object('parcels', COALESCE((SELECT json_agg(x) FROM (SELECT p.id, p.code, e.name AS \"holderName\", "
          + "round(p.area_mu::numeric, 2) AS \"areaMu\", json_build_array(ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)) AS bbox "
          + "FROM (SELECT p.* " + PARCEL_MATCH + " ORDER BY p.code LIMIT 20) p LEFT JOIN enterprise e ON e.id = p.holder_id ORDER BY p.code) x), '[]'), "
          + "'parcelsMatched', (SELECT count(*) FROM (SELECT 1 " + PARCEL_MATCH + " LIMIT 1001) c), "
          + "'enterprises', COALESCE((SELECT json_agg(y) FROM (SELECT e.id, e.name, e.credit_code AS \"creditCode\", e.size_class AS \"sizeClass\", "
          + "(SELECT count(*) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current') AS parcels "
          + ENTERPRISE_MATCH + " ORDER BY e.name LIMIT 20) y), '[]'), "
          + "'enterprisesMatched', (SELECT count(*) FROM (SELECT 1 " + ENTERPRISE_MATCH + " LIMIT 1001) c))::text");

  private static final Named ONE = Named.of(
      "SELECT json_build_object('id', e.id, 'creditCode', e.credit_code, 'name', e.name, 'industryCode', e.industry_code, "
          + "'sizeClass', e.size_class, 'clusterId', e.cluster_id, 'clusterName', k.name, 'foundedOn', e.founded_on, "
          + "'parcels', COALESCE((SELECT json_agg(json_build_object('id', p.id, 'code', p.code, 'areaMu', round(p.area_mu::numeric, 2), "
          + "'rightType', p.right_type) ORDER BY p.code) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current'), '[]'), "
          + "'heldAreaMu', (SELECT round(COALESCE(sum(p.area_mu), 0)::numeric, 2) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current'))::text "
          + "FROM enterprise e JOIN cluster k ON k.id = e.cluster_id WHERE e.id = :id AND e.cluster_id = ANY(:scope)");

  private final Db db;

  EnterpriseRepository(Db db) {
    this.db = db;
  }

  /** Parcels by the head of their 宗地代码 or their holder, and enterprises by name or credit code, as JSON. */
  String search(Principal who, String q) {
    String prefix = mujun.db.Sql.likeEscape(q.toUpperCase()) + "%";
    String contains = "%" + mujun.db.Sql.likeEscape(q.toLowerCase()) + "%";
    // The code's tail: a few characters at least (one digit would match a tenth of the register).
    String reversed = q.length() >= 3 ? mujun.db.Sql.likeEscape(new StringBuilder(q.toUpperCase()).reverse().toString()) + "%" : "#"; // "#" is in no code
    return db.read(c -> {
      try (PreparedStatement ps = SEARCH.prepare(c, Named.values("scope", who.readableClusters(), "prefix", prefix, "contains", contains,
          "reversed", reversed));
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  /** An enterprise with its land, as JSON, if the caller reads its cluster. */
  Optional<String> one(Principal who, long id) {
    return db.read(c -> {
      try (PreparedStatement ps = ONE.prepare(c, Named.values("id", id, "scope", who.readableClusters())); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
      }
    });
  }
}
