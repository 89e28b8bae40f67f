package mujun.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import mujun.config.Config;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the one transaction template. Every write runs in {@link #inTransaction}, which tells the
 * database who is acting and why (read by the history triggers), retries serialization failures and deadlocks, and
 * translates SQL errors once through {@link SqlErrors}.
 */
public final class Db implements AutoCloseable {
  private static final int MAX_ATTEMPTS = 3;
  /** The statement timeout of batch work: a command's statements and migrations (a server's requests get a minute). */
  static final int BATCH_TIMEOUT_MS = 1_800_000;
  private final HikariDataSource ds;

  /** Connections a server keeps open and warm (see {@link #server}); the pool grows to 16 under load. */
  public static final int SERVER_WARM = 8;

  private final int warm;
  private final String jdbcUrl, user, password;

  public Db(Config cfg) {
    this(cfg.jdbcUrl, cfg.dbUser, cfg.dbPassword, 16, false);
  }

  /**
   * The pool of a server: SERVER_WARM connections kept open for good (no idle timeout below that number, no maximum
   * lifetime), so that the cost of a new backend's first statements (its catalogue caches: 100–230 ms for a tile
   * statement) is paid once at start by {@link #warmUp}, not after every idle spell by a user. A connection dropped by
   * the database is replaced, and warmed by its first use.
   */
  public static Db server(Config cfg) {
    return new Db(cfg.jdbcUrl, cfg.dbUser, cfg.dbPassword, 16, true);
  }

  public Db(String jdbcUrl, String user, String password, int poolSize) {
    this(jdbcUrl, user, password, poolSize, false);
  }

  /**
   * A server's pool on a hot standby ({@link Replicas}): kept warm like the primary's, but a standby that does not
   * answer is given up on after a second (the read goes to the primary) rather than after ten.
   */
  static Db standby(String[] jdbc) {
    Db d = new Db(jdbc[0], jdbc[1], jdbc[2], 16, true);
    d.ds.setConnectionTimeout(1_000);
    return d;
  }

  /** {@code server}: a server's pool (kept warm, statements of a minute at most) rather than a command's. */
  private Db(String jdbcUrl, String user, String password, int poolSize, boolean server) {
    this.warm = server ? SERVER_WARM : 1;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    if (user != null) hc.setUsername(user);
    if (password != null) hc.setPassword(password);
    hc.setMaximumPoolSize(poolSize);
    hc.setMinimumIdle(warm);
    if (server) {
      hc.setMaxLifetime(0);
      hc.setKeepaliveTime(300_000);
    }
    hc.setPoolName(server ? "mujun-" + jdbcUrl.replaceAll("^jdbc:postgresql://|[/?].*$", "") : "mujun");
    hc.setConnectionTimeout(10_000);
    hc.setInitializationFailTimeout(-1);
    hc.addDataSourceProperty("ApplicationName", "mujun");
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    // Custom plans for the application's statements: generic ones pick the cluster index over the GiST index for scope
    // arrays (80 ms instead of 1.5 ms per tile). Each is sent as an unnamed statement, which PostgreSQL plans with its
    // values every time; the statements inside the database (foreign-key checks, triggers, PL/pgSQL) keep their cached
    // plans. (plan_cache_mode=force_custom_plan, used before, planned every foreign-key check of every written row
    // again: an import of 100,000 parcels spent 11 s more on it.)
    hc.addDataSourceProperty("prepareThreshold", "0");
    // A server's statements answer requests: a minute at most. A command's (generating a province, an evaluation of
    // every enterprise, a load) are batch work that may take longer on a busy machine: half an hour.
    hc.addDataSourceProperty("options", "-c statement_timeout=" + (server ? 60_000 : BATCH_TIMEOUT_MS) + " -c TimeZone=Asia/Shanghai");
    this.ds = new HikariDataSource(hc);
  }

  /**
   * Runs {@code work} once on each of the connections the pool keeps warm, all held at once so that each is a different
   * backend: the statements a user's first requests send are planned there now (errors are logged, not thrown: a cold
   * connection is slower, not wrong).
   */
  public void warmUp(Work<?> work) {
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < warm; i++) held.add(plansOnce(ds.getConnection(), false));
      for (Connection c : held) {
        c.setAutoCommit(false);
        try {
          work.run(c);
        } finally {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      org.slf4j.LoggerFactory.getLogger(Db.class).warn("warming the connections failed: {}", e.getMessage());
    } finally {
      for (Connection c : held) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closed already: the pool replaces it
        }
      }
    }
  }

  public DataSource dataSource() {
    return ds;
  }

  /** Applies the Flyway migrations in {@code db/migration}. */
  public void migrate() {
    // Repeatables renamed by a release (R__v8_… became R__3_… to fix their order) are "missing" in older databases' history;
    // their new names are applied instead, so a missing repeatable is no error. Missing versioned migrations still are.
    // A migration is batch work, whichever command starts it (serve migrates before it listens): on connections of its
    // own with the commands' half hour, not a request's minute from the pool (on a province, adding an index or
    // rewriting a column takes minutes; a setting made on a pooled connection would stay with it).
    Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration").ignoreMigrationPatterns("*:future", "repeatable:missing")
        .initSql("SET statement_timeout = " + BATCH_TIMEOUT_MS + "; SET TimeZone = 'Asia/Shanghai'").load().migrate();
  }

  /** Work done on a connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Who is changing data and why; the history triggers record it. {@code scope} is the clusters the actor reads (null:
   * the whole province, or no user acting): the triggers resolve every enterprise the change refers to within it.
   */
  public record Change(String actor, String reason, String operation, Integer[] scope) {
    public Change(String actor, String reason, String operation) {
      this(actor, reason, operation, null);
    }

    public static Change by(String actor, String reason) {
      return new Change(actor, reason, "");
    }

    String scopeText() {
      if (scope == null) return "";
      StringBuilder b = new StringBuilder("{");
      for (int i = 0; i < scope.length; i++) b.append(i == 0 ? "" : ",").append(scope[i]);
      return b.append('}').toString();
    }
  }

  /** Runs {@code work} in one read-write transaction attributed to {@code change}; retries on 40001/40P01. */
  public <T> T inTransaction(Change change, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = plansOnce(ds.getConnection(), false)) {
        c.setAutoCommit(false);
        try {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT set_config('mujun.user', ?, true), set_config('mujun.reason', ?, true), set_config('mujun.operation', ?, true), "
                  + "set_config('mujun.scope', ?, true)")) {
            ps.setString(1, change.actor());
            ps.setString(2, change.reason() == null ? "" : change.reason());
            ps.setString(3, change.operation() == null ? "" : change.operation());
            ps.setString(4, change.scopeText());
            ps.execute();
          }
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c, e);
          throw e;
        }
      } catch (SQLException e) {
        if (SqlErrors.isRetryable(e) && attempt < MAX_ATTEMPTS) continue;
        throw SqlErrors.translate(e);
      }
    }
  }

  /**
   * Runs {@code work} in a read-write transaction that is always rolled back: a what-if (a method's preview) that
   * writes, reads what it wrote, and leaves nothing behind.
   */
  public <T> T tryOut(Change change, Work<T> work) {
    try (Connection c = plansOnce(ds.getConnection(), false)) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('mujun.user', ?, true), set_config('mujun.reason', ?, true), set_config('mujun.operation', ?, true)")) {
          ps.setString(1, change.actor());
          ps.setString(2, change.reason() == null ? "" : change.reason());
          ps.setString(3, change.operation() == null ? "" : change.operation());
          ps.execute();
        }
        return work.run(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  /** Runs {@code work} in a read-only transaction (cursors stream with a fetch size). */
  public <T> T read(Work<T> work) {
    try (Connection c = plansOnce(ds.getConnection(), false)) {
      return read(c, work);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  /** A server this pool could not reach: the read that wanted it has not started. */
  static final class Unreachable extends Exception {
    Unreachable(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * As {@link #read} ({@code bounded}: {@link #readBounded}), but when no connection can be had the caller is told
   * with {@link Unreachable} before {@code work} runs, so that it can read elsewhere; errors of the work itself are
   * translated as usual.
   */
  <T> T readIfReachable(boolean bounded, boolean plannedOnce, Work<T> work) throws Unreachable {
    Connection c;
    try {
      c = ds.getConnection();
    } catch (SQLException e) {
      throw new Unreachable(e);
    }
    try (c) {
      plansOnce(c, plannedOnce);
      return bounded ? work.run(c) : read(c, work);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  private static <T> T read(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    c.setReadOnly(true);
    T result;
    try {
      result = work.run(c);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c, e);
      throw e;
    }
    c.rollback();
    c.setReadOnly(false);
    return result;
  }

  /**
   * Runs {@code work} on a connection in autocommit mode: each statement is its own transaction and the driver reads
   * its whole result before returning. For reads whose results are bounded and small (one page of at most a fetch's
   * worth of rows): no BEGIN and no ROLLBACK round trip. Larger results stream through {@link #read} with a fetch size.
   */
  public <T> T readBounded(Work<T> work) {
    return readBounded(false, work);
  }

  /**
   * As {@link #readBounded}, on a connection that plans each of its prepared statements once for all values
   * (plan_cache_mode = force_generic_plan): for statements whose best plan does not depend on their values and whose
   * planning is a large part of their time (the parcel tile's, TileService). The pool's other work is planned with its
   * values as before ({@link #plansOnce}).
   */
  public <T> T readPlannedOnce(Work<T> work) {
    return readBounded(true, work);
  }

  <T> T readBounded(boolean plannedOnce, Work<T> work) {
    try (Connection c = plansOnce(ds.getConnection(), plannedOnce)) {
      return work.run(c);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * The physical connections left planning once for all values by {@link #readPlannedOnce}. Such a connection stays so
   * until it is handed out for other work, which puts it back first: a run of tiles on one connection sets nothing in
   * between (a SET before and after each tile, one round trip each, was a tenth of a cold tile's time). Keyed by the
   * driver's connection (identity); one the pool drops is forgotten with it.
   */
  private static final Map<Object, Boolean> PLANNED_ONCE = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * {@code c}, planning as {@code plannedOnce} asks: force_generic_plan, or auto (the pool's setting); a SET only when
   * the connection plans otherwise now. Every connection the pool hands out passes here; a warm-up that runs a
   * statement planned once calls it around that statement.
   */
  public static Connection plansOnce(Connection c, boolean plannedOnce) throws SQLException {
    if (!plannedOnce && PLANNED_ONCE.isEmpty()) return c;
    Object physical = c.unwrap(org.postgresql.PGConnection.class);
    if (PLANNED_ONCE.containsKey(physical) != plannedOnce) {
      try {
        try (java.sql.Statement st = c.createStatement()) {
          st.execute("SET plan_cache_mode = " + (plannedOnce ? "force_generic_plan" : "auto"));
        }
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      if (plannedOnce) PLANNED_ONCE.put(physical, Boolean.TRUE);
      else PLANNED_ONCE.remove(physical);
    }
    return c;
  }

  /**
   * Runs {@code work} on a connection in autocommit mode, each statement its own transaction: for what is not a record
   * (a lease, a notification to the other instances). Records are written through {@link #inTransaction}, which names
   * the actor for their history.
   */
  public <T> T autocommit(Work<T> work) {
    return readBounded(work);
  }

  /**
   * Rolls back after {@code cause}; when the connection is already broken (the database went away) the rollback's own
   * failure is attached to the cause instead of hiding it, so the caller is told why (e.g. 503 for a lost connection).
   */
  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    ds.close();
  }
}
