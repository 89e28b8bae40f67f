package mujun.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads that may lag by a moment (tiles, OGC items, the public map, dashboards) served by PostgreSQL hot standbys
 * (streaming replication), with every user reading his own writes.
 *
 * <p>After a write request the server takes the primary's WAL position ({@link #wrote}); until a standby has replayed
 * that position, the writer's reads go to the primary. The position reaches the other app instances by
 * LISTEN/NOTIFY and the writer's browser in a cookie (which {@link #seen} takes back on any instance), so a read that
 * a load balancer sends elsewhere waits for the same position. While announcements may have been missed (the listening
 * connection down, or just back), signed-in users read from the primary; the public always reads a standby.
 *
 * <p>Each standby is checked every {@value #CHECK_MS} ms: its replayed position, and its lag — how long ago the primary
 * was first seen beyond that position (0 when it has everything the primary had). A standby further behind than the
 * configured maximum, or not reachable, is not read from; a read that cannot get a connection to it (a second at most)
 * goes to the primary, and one whose standby dies under it is answered 503 (the next goes elsewhere). A standby that has
 * been promoted is a primary: current.
 */
public final class Replicas implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Replicas.class);
  static final int CHECK_MS = 200;
  /** The topic of the write positions the instances tell each other ("user lsn"). */
  static final String TOPIC = "wrote";

  /** What was last learnt of one standby. */
  private static final class Standby {
    final String name;
    final Db db;
    volatile long replayed;
    volatile long lagMs = -1, lagBytes = -1;
    volatile String state = "unknown";

    Standby(String name, Db db) {
      this.name = name;
      this.db = db;
    }

    /** Serving: reachable, and no further behind than the maximum (a standby whose replay is paused serves until it is). */
    boolean usable(long maxLagMs) {
      return !"down".equals(state) && !"unknown".equals(state) && lagMs >= 0 && lagMs <= maxLagMs;
    }
  }

  private final Db primary;
  private final List<Standby> standbys = new ArrayList<>();
  private final long maxLagMs;
  /** Each user's last write position (the largest known), as long as a standby could still be behind it. */
  private final Cache<String, Long> written = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(10)).build();
  private final AtomicInteger next = new AtomicInteger();
  private final ScheduledExecutorService checker;
  /** The primary's positions as the checks saw them, with when each was first seen (oldest first; only the checker thread). */
  private final java.util.ArrayDeque<long[]> primarySeen = new java.util.ArrayDeque<>();
  private Invalidations peers;
  /** Until when signed-in users read from the primary: announcements may have been missed before then. */
  private volatile long primaryUntil;
  /**
   * The primary's position when this instance began to listen again: writes announced before then may have been
   * missed, so a signed-in user's read needs a standby that has replayed at least this far.
   */
  private volatile long floor;
  /** Reads answered by a standby and by the primary (for /metrics). */
  public final LongAdder standbyReads = new LongAdder(), primaryReads = new LongAdder();

  /** {@code urls}: each standby's JDBC URL, user and password (none: every read goes to {@code primary}). */
  public Replicas(Db primary, List<String[]> urls, long maxLagMs) {
    this.primary = primary;
    this.maxLagMs = maxLagMs;
    for (int i = 0; i < urls.size(); i++) standbys.add(new Standby(String.valueOf(i + 1), Db.standby(urls.get(i))));
    if (standbys.isEmpty()) {
      checker = null;
      return;
    }
    checker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mujun-standbys");
      t.setDaemon(true);
      return t;
    });
  }

  /** No standby: every read on {@code primary} (commands, tests of one server). */
  public static Replicas none(Db primary) {
    return new Replicas(primary, List.of(), 0);
  }

  /** Starts checking the standbys and exchanging write positions with the other instances through {@code peers}. */
  public void start(Invalidations peers) {
    this.peers = peers;
    if (checker == null) return;
    peers.onPayload(TOPIC, this::heard);
    check();
    checker.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
  }

  public boolean configured() {
    return !standbys.isEmpty();
  }

  /** Warms each standby's kept connections as the primary's are (Db.warmUp). */
  public void warmUp(Db.Work<?> work) {
    for (Standby s : standbys) s.db.warmUp(work);
  }

  /** As {@link Db#read}, on a standby that has what {@code user} (null: the public) wrote, else on the primary. */
  public <T> T read(String user, Db.Work<T> work) {
    return route(user, false, false, work);
  }

  /** As {@link Db#readBounded}, on a standby that has what {@code user} (null: the public) wrote, else on the primary. */
  public <T> T readBounded(String user, Db.Work<T> work) {
    return route(user, true, false, work);
  }

  /** As {@link Db#readPlannedOnce}, on a standby that has what {@code user} (null: the public) wrote, else on the primary. */
  public <T> T readPlannedOnce(String user, Db.Work<T> work) {
    return route(user, true, true, work);
  }

  private <T> T route(String user, boolean bounded, boolean plannedOnce, Db.Work<T> work) {
    if (!standbys.isEmpty() && !(user != null && blind())) {
      Long mine = user == null ? null : written.getIfPresent(user);
      Long need = user == null ? null : mine == null || Long.compareUnsigned(mine, floor) < 0 ? Long.valueOf(floor) : mine;
      int n = standbys.size(), start = Math.floorMod(next.getAndIncrement(), n);
      for (int i = 0; i < n; i++) {
        Standby s = standbys.get((start + i) % n);
        if (!s.usable(maxLagMs) || (need != null && Long.compareUnsigned(s.replayed, need) < 0)) continue;
        try {
          T result = s.db.readIfReachable(bounded, plannedOnce, work);
          standbyReads.increment();
          return result;
        } catch (Db.Unreachable e) {
          s.state = "down";
          LOG.warn("standby {} cannot be reached ({}); reading from the primary", s.name, e.getMessage());
        }
      }
    }
    primaryReads.increment();
    return bounded ? primary.readBounded(plannedOnce, work) : primary.read(work);
  }

  /** Whether another instance's write may be unknown here: not listening now, or just back. */
  private boolean blind() {
    return peers == null || !peers.listening() || System.currentTimeMillis() < primaryUntil;
  }

  /**
   * Records that {@code user} has just written (every commit of the request is done) and tells the other instances;
   * returns the position to give back in a cookie, or 0 when no standby is configured.
   */
  public long wrote(String user) {
    if (standbys.isEmpty() || user == null) return 0;
    try {
      long lsn = primaryPosition();
      seen(user, lsn);
      if (peers != null) peers.announce(TOPIC, Long.toHexString(lsn) + " " + user);
      return lsn;
    } catch (RuntimeException e) {
      // The write is committed; without its position the writer reads from the primary for a while.
      LOG.warn("could not read the primary's WAL position after a write by {}: {}", user, e.getMessage());
      primaryUntil = System.currentTimeMillis() + maxLagMs + 1_000;
      return 0;
    }
  }

  /** Takes {@code user}'s write position from a cookie or another instance (the largest known counts). */
  public void seen(String user, long lsn) {
    if (standbys.isEmpty() || user == null || lsn == 0) return;
    written.asMap().merge(user, lsn, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
  }

  private long primaryPosition() {
    return primary.readBounded(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_current_wal_lsn()::text"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return parse(rs.getString(1));
      }
    });
  }

  /** "lsn user" from another instance; null: announcements may have been missed (the listening connection is new). */
  private void heard(String payload) {
    if (payload == null || payload.isEmpty()) {
      try {
        floor = primaryPosition();
      } catch (RuntimeException e) {
        primaryUntil = System.currentTimeMillis() + maxLagMs + 1_000;
      }
      return;
    }
    int sp = payload.indexOf(' ');
    Long lsn = sp > 0 ? cookieValue(payload.substring(0, sp)) : null;
    if (lsn != null) seen(payload.substring(sp + 1), lsn);
  }

  /** A write position as the cookie carries it (hex), or null when the text is not one. */
  public static Long cookieValue(String text) {
    if (text == null || !text.matches("[0-9a-f]{1,16}")) return null;
    return Long.parseUnsignedLong(text, 16);
  }

  /** PostgreSQL's "X/Y" text of an LSN as a number. */
  static long parse(String lsn) {
    if (lsn == null) return 0;
    int slash = lsn.indexOf('/');
    return (Long.parseUnsignedLong(lsn.substring(0, slash), 16) << 32) | Long.parseUnsignedLong(lsn.substring(slash + 1), 16);
  }

  private void check() {
    Long primaryAt = null;
    try {
      primaryAt = primaryPosition();
    } catch (RuntimeException e) {
      // The primary is away: the standbys keep what they have (their positions only ever grow).
    }
    long now = System.currentTimeMillis();
    if (primaryAt != null && (primarySeen.isEmpty() || Long.compareUnsigned(primarySeen.peekLast()[1], primaryAt) < 0)) {
      primarySeen.addLast(new long[] {now, primaryAt});
    }
    for (Standby s : standbys) check(s, primaryAt, now);
    // Positions every standby has passed are no longer needed to tell a lag (the newest is kept).
    long least = -1;
    for (Standby s : standbys) if (!"down".equals(s.state) && (least == -1 || Long.compareUnsigned(s.replayed, least) < 0)) least = s.replayed;
    while (primarySeen.size() > 1 && ((least != -1 && Long.compareUnsigned(primarySeen.peekFirst()[1], least) <= 0) || primarySeen.size() > 20_000)) {
      primarySeen.pollFirst();
    }
  }

  /** How long ago the primary was first seen beyond {@code replayed} (0: the standby has all it was seen to have). */
  private long lagMs(long replayed, long now) {
    for (long[] seen : primarySeen) if (Long.compareUnsigned(seen[1], replayed) > 0) return now - seen[0];
    return 0;
  }

  private static final String STANDBY_STATE = "SELECT pg_is_in_recovery(), (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
      + "ELSE pg_current_wal_lsn() END)::text, pg_is_in_recovery() AND pg_is_wal_replay_paused()";

  private void check(Standby s, Long primaryAt, long now) {
    try {
      s.db.readIfReachable(true, false, c -> {
        try (PreparedStatement ps = c.prepareStatement(STANDBY_STATE); ResultSet rs = ps.executeQuery()) {
          rs.next();
          boolean recovering = rs.getBoolean(1);
          long at = parse(rs.getString(2));
          s.replayed = at;
          if (!recovering) {
            s.lagMs = 0;
            s.lagBytes = 0;
            s.state = "promoted";
            return null;
          }
          s.lagBytes = primaryAt == null ? -1 : Long.compareUnsigned(at, primaryAt) >= 0 ? 0 : primaryAt - at;
          s.lagMs = lagMs(at, now);
          s.state = rs.getBoolean(3) ? "paused" : s.lagMs > maxLagMs ? "behind" : "streaming";
          return null;
        }
      });
    } catch (Db.Unreachable | RuntimeException e) {
      if (!"down".equals(s.state)) LOG.warn("standby {} is not answering: {}", s.name, e.getMessage());
      s.state = "down";
      s.lagMs = -1;
      s.lagBytes = -1;
    }
  }

  /** Registers the reads by server and each standby's lag and whether it serves, for /metrics. */
  public void register(java.util.function.BiConsumer<String, java.util.function.Supplier<Number>> gauge) {
    gauge.accept("mujun_reads_standby_total", standbyReads::sum);
    gauge.accept("mujun_reads_primary_total", primaryReads::sum);
    for (Standby s : standbys) {
      gauge.accept("mujun_standby_lag_ms{standby=\"" + s.name + "\"}", () -> s.lagMs);
      gauge.accept("mujun_standby_serving{standby=\"" + s.name + "\"}", () -> s.usable(maxLagMs) ? 1 : 0);
    }
  }

  /** Each standby for /health: its number, state (streaming, behind, paused, down, promoted) and lag. */
  public List<Map<String, Object>> status() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Standby s : standbys) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("standby", s.name);
      m.put("state", s.state);
      m.put("lagMs", s.lagMs < 0 ? null : s.lagMs);
      m.put("lagBytes", s.lagBytes < 0 ? null : s.lagBytes);
      m.put("serving", s.usable(maxLagMs));
      out.add(m);
    }
    return out;
  }

  @Override
  public void close() {
    if (checker != null) checker.shutdownNow();
    for (Standby s : standbys) s.db.close();
  }
}
