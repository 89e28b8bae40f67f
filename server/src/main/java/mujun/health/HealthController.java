package mujun.health;

import io.javalin.http.Context;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import mujun.db.Db;

/**
 * GET /health: 200 with database and PostGIS versions and each hot standby's state and lag, 503 when the primary is
 * unreachable (a standby that is down leaves the instance healthy: its reads go to the primary).
 */
public final class HealthController {
  private final Db db;
  private final mujun.db.Replicas replicas;
  private final java.util.function.Supplier<String> metrics;

  public HealthController(Db db, mujun.db.Replicas replicas, java.util.function.Supplier<String> metrics) {
    this.db = db;
    this.replicas = replicas;
    this.metrics = metrics;
  }

  /** GET /metrics: Prometheus' text format (latency histograms and statuses per route, the pool, the tile cache). */
  public void metrics(Context ctx) {
    mujun.http.Http.allowQuery(ctx);
    ctx.header("Cache-Control", "no-store").contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
  }

  public void health(Context ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      db.read(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('server_version'), postgis_lib_version(), "
            + "current_setting('fsync') = 'on' AND current_setting('synchronous_commit') <> 'off' AND current_setting('full_page_writes') = 'on'");
             ResultSet rs = ps.executeQuery()) {
          rs.next();
          m.put("status", "ok");
          m.put("database", "PostgreSQL " + rs.getString(1));
          m.put("postgis", rs.getString(2));
          // Whether a commit the server acknowledges is on disk (fsync, synchronous_commit and full_page_writes on).
          m.put("durable", rs.getBoolean(3));
          return null;
        }
      });
      if (replicas.configured()) m.put("standbys", replicas.status());
      ctx.header("Cache-Control", "no-store").json(m);
    } catch (RuntimeException e) {
      ctx.status(503).header("Retry-After", "5").json(Map.of("code", "DATABASE_UNAVAILABLE", "message", "The database is unreachable.", "status", "unavailable"));
    }
  }
}
