package mujun.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cap on a user's heavy writes under way, held across every app instance on the database (table heavy_slot, V27):
 * a request leases one of the user's slots and gives it back when it ends; this instance renews its leases every
 * {@value #RENEW_SECONDS} s, and a lease not renewed for {@value #LEASE_SECONDS} s — its instance was killed — is free
 * again. (Heavy reads, short and bounded by a page or the statement limit, are capped per instance without a database
 * round trip.)
 */
public final class HeavySlots implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeavySlots.class);
  static final int RENEW_SECONDS = 10, LEASE_SECONDS = 30;

  /** The lowest slot free (never leased, or its lease lapsed), leased to this instance in one statement. */
  private static final String TAKE = "INSERT INTO heavy_slot (username, slot, instance) "
      + "SELECT ?, s, ? FROM generate_series(0, ? - 1) s WHERE NOT EXISTS (SELECT 1 FROM heavy_slot h WHERE h.username = ? AND h.slot = s "
      + "  AND h.renewed_at >= now() - make_interval(secs => " + LEASE_SECONDS + ")) ORDER BY s LIMIT 1 "
      + "ON CONFLICT (username, slot) DO UPDATE SET instance = EXCLUDED.instance, renewed_at = now() "
      + "  WHERE heavy_slot.renewed_at < now() - make_interval(secs => " + LEASE_SECONDS + ") RETURNING slot";

  private final Db db;
  private final String instance;
  private final int perUser;
  private final ScheduledExecutorService renewer;

  public HeavySlots(Db db, String instance, int perUser) {
    this.db = db;
    this.instance = instance;
    this.perUser = perUser;
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mujun-heavy-slots");
      t.setDaemon(true);
      return t;
    });
    renewer.scheduleWithFixedDelay(this::renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
  }

  /** Leases one of {@code user}'s slots; -1 when all are taken (by requests on any instance). */
  public int take(String user) {
    // Two instances may pick the same free slot at once: the one that loses finds it taken and looks again.
    for (int attempt = 0; attempt < 3; attempt++) {
      Integer slot = db.autocommit(c -> {
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
          ps.setString(1, user);
          ps.setString(2, instance);
          ps.setInt(3, perUser);
          ps.setString(4, user);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : null;
          }
        }
      });
      if (slot != null) return slot;
      if (!anyFree(user)) return -1;
    }
    return -1;
  }

  private boolean anyFree(String user) {
    return db.autocommit(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) < ? FROM heavy_slot WHERE username = ? "
          + "AND renewed_at >= now() - make_interval(secs => " + LEASE_SECONDS + ")")) {
        ps.setInt(1, perUser);
        ps.setString(2, user);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getBoolean(1);
        }
      }
    });
  }

  /** Gives {@code slot} of {@code user} back (when the database is away, its lease lapses by itself). */
  public void give(String user, int slot) {
    try {
      db.autocommit(c -> {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM heavy_slot WHERE username = ? AND slot = ? AND instance = ?")) {
          ps.setString(1, user);
          ps.setInt(2, slot);
          ps.setString(3, instance);
          return ps.executeUpdate();
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("could not give back a heavy-request slot of {} (it lapses in {} s): {}", user, LEASE_SECONDS, e.getMessage());
    }
  }

  private void renew() {
    try {
      db.autocommit(c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE heavy_slot SET renewed_at = now() WHERE instance = ?")) {
          ps.setString(1, instance);
          return ps.executeUpdate();
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("could not renew this instance's heavy-request slots: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
  }
}
