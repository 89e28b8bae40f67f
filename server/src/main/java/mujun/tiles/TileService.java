package mujun.tiles;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mujun.auth.Principal;
import mujun.db.Replicas;
import mujun.error.ApiError;

/**
 * Mapbox vector tiles made by PostGIS, with a server-side cache keyed by the layer's data version (bumped by a
 * trigger on every commit that changes the layer), so an edit shows on the very next request. Read from a hot standby
 * when there is one ({@link Replicas}: the caller's own edits are there); the version and the tile come from the same
 * server, so a tile is never cached under a version newer than its rows.
 */
public final class TileService {
  /** A tile: its bytes and an ETag that changes with the data version and the caller's scope. */
  public record Tile(byte[] bytes, String etag) {}

  /** {@code planOnce}: the statement is planned once for every tile ({@link #render}). */
  private record Layer(String sql, String versionName, boolean scoped, boolean planOnce) {}

  private static final Map<String, Layer> LAYERS = Map.of(
      "parcels", new Layer(TileSql.PARCELS, "parcels", true, true),
      "clusters", new Layer(TileSql.CLUSTERS, "clusters", false, false),
      "standard-land", new Layer(TileSql.STANDARD_LAND, "standard-land", false, false),
      "low-efficiency-land", new Layer(TileSql.LOW_EFFICIENCY_LAND, "low-efficiency-land", true, false));

  /**
   * Everything a cached tile depends on: the layer, z/x/y, the layer's data version and the caller's exact scope (the
   * sorted cluster ids, or null for a public layer) — never a hash of it, so two scopes can never share a tile.
   */
  record Key(String collection, int z, int x, int y, long version, List<Integer> scope) {}

  private final Replicas db;
  private final Cache<Key, Tile> cache;
  /** Tiles answered from the cache, and made by PostGIS (for /metrics). */
  public final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder(), misses = new java.util.concurrent.atomic.LongAdder();
  private final int maxTiles;
  private final mujun.geo.Region region;

  /** The province with its margin: the bounds the layers' TileJSON gives. */
  public mujun.geo.Region region() {
    return region;
  }

  /** {@code maxTiles} = 0 turns the cache off (for measuring cold tiles); {@code region} is the layers' TileJSON bounds. */
  public TileService(Replicas db, int maxTiles, mujun.geo.Region region) {
    this.db = db;
    this.region = region;
    this.maxTiles = maxTiles;
    this.cache = Caffeine.newBuilder().maximumSize(Math.max(0, maxTiles)).expireAfterAccess(Duration.ofHours(1)).build();
  }

  /** The SQL text of a layer's detailed tiles (parameters z, x, y, then the scope of a scoped layer). */
  public static String statement(String collection) {
    return LAYERS.get(collection).sql();
  }

  /**
   * Plans and runs every tile statement once on a connection, for an empty tile (0, 0 at zoom 14, and at the overview's
   * deepest zoom), so that its backend's catalogue caches hold what a user's first tile needs (Db.warmUp).
   */
  public static void warm(java.sql.Connection c) throws java.sql.SQLException {
    for (Layer layer : LAYERS.values()) render(c, layer.sql(), layer.planOnce(), 14, 0, 0, layer.scoped() ? new Integer[0] : null, null);
    render(c, TileSql.PARCEL_OVERVIEW, false, TileSql.PARCEL_OVERVIEW_MAX_ZOOM, 0, 0, new Integer[0], scopeTag(List.of()));
    // And a tile with rows: a backend's first tile loads PostGIS's PROJ transformation (about 100 ms) and makes the
    // parcel tile's plan, the one made once for every tile (the connection plans with values again afterwards).
    try (PreparedStatement ps = c.prepareStatement(TileSql.WARM_TILE); ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        java.sql.Array clusters = rs.getArray(3);
        Layer parcels = LAYERS.get("parcels");
        mujun.db.Db.plansOnce(c, true);
        try {
          render(c, parcels.sql(), parcels.planOnce(), 14, rs.getInt(1), rs.getInt(2), (Integer[]) clusters.getArray(), null);
        } finally {
          mujun.db.Db.plansOnce(c, false);
        }
      }
    }
  }

  /**
   * Runs a tile statement: z, x, y, then the scope of a scoped layer (null for a public one) and the scope's key for the
   * overview (null for the others). A statement planned once ({@code planOnce}: the parcel tile's) runs prepared on the
   * server, on a connection that plans it once for every tile ({@link #tile}: Db.readPlannedOnce), since its bounds are
   * computed once per tile whatever the plan (TileSql.PARCEL_BOUNDS): planning it for each tile's own values was a third
   * of its time (0.85 of 2.7 ms).
   */
  private static byte[] render(java.sql.Connection c, String sql, boolean once, int z, int x, int y, Integer[] scope, String scopeKey)
      throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (once) ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
      ps.setInt(1, z);
      ps.setInt(2, x);
      ps.setInt(3, y);
      if (scope != null) ps.setArray(4, c.createArrayOf("integer", scope));
      if (scopeKey != null) ps.setString(5, scopeKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        byte[] b = rs.getBytes(1);
        return b == null ? new byte[0] : b;
      }
    }
  }

  public static boolean isTiled(String collection) {
    return LAYERS.containsKey(collection);
  }

  public static boolean isPublic(String collection) {
    return LAYERS.containsKey(collection) && !LAYERS.get(collection).scoped();
  }

  /** The tile z/x/y of a collection for the caller (null for anonymous, public layers only). */
  public Tile tile(String collection, int z, int x, int y, Principal who) {
    Layer layer = LAYERS.get(collection);
    if (layer == null) throw ApiError.notFound("No vector tiles for collection '" + mujun.http.Json.clip(collection) + "'.");
    int max = 1 << z;
    if (z < 0 || z > 22 || x < 0 || y < 0 || x >= max || y >= max) {
      throw ApiError.badRequest("BAD_TILE", "z must be 0..22 and x, y within 0.." + (max - 1) + " at zoom " + z + ".");
    }
    Integer[] scope = layer.scoped() ? who.readableClusters() : null;
    List<Integer> scopeKey = scope == null ? null : Arrays.stream(scope).sorted().toList();
    // Up to zoom 11 parcel tiles are the overview; every tile statement takes z, x, y, then the scope of a scoped layer.
    boolean overview = collection.equals("parcels") && z <= TileSql.PARCEL_OVERVIEW_MAX_ZOOM;
    // The parcel tile's statement is planned once for every tile, on a connection left doing so (the version's statement
    // too: one row by its key, the same plan whatever the name).
    boolean once = !overview && layer.planOnce();
    mujun.db.Db.Work<Tile> work = c -> {
      long version = version(c, layer.versionName());
      Key key = new Key(collection, z, x, y, version, scopeKey);
      Tile cached = maxTiles > 0 ? cache.getIfPresent(key) : null;
      if (cached != null) {
        hits.increment();
        return cached;
      }
      misses.increment();
      byte[] bytes = overview ? render(c, TileSql.PARCEL_OVERVIEW, false, z, x, y, scope, scopeTag(scopeKey))
          : render(c, layer.sql(), layer.planOnce(), z, x, y, scope, null);
      Tile t = new Tile(bytes, "\"" + collection + "-v" + version + "-" + scopeTag(scopeKey) + "-" + z + "-" + x + "-" + y + "\"");
      if (maxTiles > 0) cache.put(key, t);
      return t;
    };
    String user = who == null ? null : who.username();
    return once ? db.readPlannedOnce(user, work) : db.readBounded(user, work);
  }

  /**
   * The ETag's part for the scope: "public", or the SHA-256 (first 128 bits) of the sorted cluster ids — collisions are
   * out of reach, unlike the 32-bit hash it replaces, and the ids themselves stay out of the header.
   */
  static String scopeTag(List<Integer> scope) {
    if (scope == null) return "public";
    return org.apache.commons.codec.digest.DigestUtils.sha256Hex(scope.toString()).substring(0, 32);
  }

  /**
   * The layer's data version (one row; read without a transaction, as are tiles: one statement, one row each, on the
   * same connection, so a tile's rows are at least as new as the version it is cached under). Prepared on the server:
   * every tile request, a cache hit too, reads it, and parsing and planning it were most of its 0.3 ms.
   */
  private static long version(java.sql.Connection c, String name) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(TileSql.VERSION)) {
      ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    }
  }
}
