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
   * first 20 of each with how many match in all (counted up to 1,000: 1001 means more). Each way of matching reads
   * its own index (the code, the reversed code, the names' trigrams and the heads of codes (V31), the credit code, the holder), and the
   * matching enterprises are found once for both lists: the cost grows with the answer, not with the register.
   */
  private static final String MATCHES = "WITH em AS MATERIALIZED (SELECT e.id, e.cluster_id FROM enterprise e WHERE lower(e.name) LIKE :contains ESCAPE '\\' "
      + "  UNION SELECT e.id, e.cluster_id FROM enterprise e WHERE e.credit_code LIKE :prefix ESCAPE '\\'), "
      + "pm AS MATERIALIZED (SELECT p.id, p.code, p.cluster_id FROM parcel p WHERE p.status = 'current' AND p.code LIKE :prefix ESCAPE '\\' "
      + "  UNION SELECT p.id, p.code, p.cluster_id FROM parcel p WHERE p.status = 'current' AND reverse(p.code) LIKE :reversed ESCAPE '\\' "
      + "  UNION SELECT p.id, p.code, p.cluster_id FROM parcel p JOIN em ON p.holder_id = em.id WHERE p.status = 'current') ";
  private static final Named SEARCH = Named.of(MATCHES
      + "SELECT json_build_object('parcels', COALESCE((SELECT json_agg(x) FROM (SELECT p.id, p.code, e.name AS \"holderName\", "
          + "round(p.area_mu::numeric, 2) AS \"areaMu\", json_build_array(ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)) AS bbox "
          + "FROM (SELECT pm.id FROM pm WHERE pm.cluster_id = ANY(:scope) ORDER BY pm.code LIMIT 20) m JOIN parcel p ON p.id = m.id "
          + "LEFT JOIN enterprise e ON e.id = p.holder_id ORDER BY p.code) x), '[]'), "
          + "'parcelsMatched', (SELECT count(*) FROM (SELECT 1 FROM pm WHERE pm.cluster_id = ANY(:scope) LIMIT 1001) c), "
          + "'enterprises', COALESCE((SELECT json_agg(y) FROM (SELECT e.id, e.name, e.credit_code AS \"creditCode\", e.size_class AS \"sizeClass\", "
          + "(SELECT count(*) FROM parcel p WHERE p.holder_id = e.id AND p.status = 'current') AS parcels "
          + "FROM enterprise e WHERE e.id IN (SELECT em.id FROM em WHERE em.cluster_id = ANY(:scope)) ORDER BY e.name LIMIT 20) y), '[]'), "
          + "'enterprisesMatched', (SELECT count(*) FROM (SELECT 1 FROM em WHERE em.cluster_id = ANY(:scope) LIMIT 1001) c))::text");

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
