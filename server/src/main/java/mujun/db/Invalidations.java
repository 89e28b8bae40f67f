package mujun.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other app instances on the same database to drop a cache, with PostgreSQL's LISTEN/NOTIFY: each instance
 * listens on one channel on a connection of its own; {@link #announce} sends "topic:instance[:payload]" and every
 * other instance runs the topic's handler with the payload (an instance ignores its own). While the listening connection
 * is down ({@link #listening} is false), the caches' own expiry (seconds) still bounds how stale they get; it reconnects
 * with a backoff, and then runs every handler with a null payload: whatever was announced meanwhile is unknown.
 */
public final class Invalidations implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Invalidations.class);
  static final String CHANNEL = "mujun_invalidate";

  private final String jdbcUrl, user, password;
  private final Db db;
  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, java.util.function.Consumer<String>> handlers = new ConcurrentHashMap<>();
  private volatile boolean running = true, listening;
  private final Thread thread;

  public Invalidations(Db db, String jdbcUrl, String user, String password) {
    this.db = db;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.thread = new Thread(this::listen, "mujun-invalidations");
    thread.setDaemon(true);
  }

  /** Runs {@code handler} when another instance announces {@code topic}. */
  public Invalidations on(String topic, Runnable handler) {
    handlers.put(topic, payload -> handler.run());
    return this;
  }

  /** Runs {@code handler} with the payload when another instance announces {@code topic} (null: something may have been missed). */
  public Invalidations onPayload(String topic, java.util.function.Consumer<String> handler) {
    handlers.put(topic, handler);
    return this;
  }

  /** Whether announcements reach this instance now (its listening connection is up). */
  public boolean listening() {
    return listening;
  }

  /** This instance's name in announcements. */
  public String instance() {
    return instance;
  }

  public void start() {
    thread.start();
  }

  /** Tells the other instances that {@code topic}'s cache is stale (sent at once, outside any transaction). */
  public void announce(String topic) {
    announce(topic, null);
  }

  /** As {@link #announce(String)}, with a payload for the handlers (short text: PostgreSQL takes up to 8,000 bytes). */
  public void announce(String topic, String payload) {
    try {
      db.autocommit(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
          ps.setString(1, CHANNEL);
          ps.setString(2, topic + ":" + instance + (payload == null ? "" : ":" + payload));
          ps.execute();
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("could not announce {} to the other instances (their caches expire on their own): {}", topic, e.getMessage());
    }
  }

  private void listen() {
    long backoff = 500;
    while (running) {
      try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + CHANNEL);
        }
        // Whatever changed while this instance was not listening is unknown: drop every cache once.
        listening = true;
        handlers.values().forEach(h -> h.accept(null));
        backoff = 500;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] ns = pg.getNotifications(500);
          if (ns == null) continue;
          for (PGNotification n : ns) {
            String[] p = n.getParameter().split(":", 3);
            if (p.length >= 2 && p[1].equals(instance)) continue;
            java.util.function.Consumer<String> h = handlers.get(p[0]);
            if (h != null) h.accept(p.length == 3 ? p[2] : "");
          }
        }
      } catch (Exception e) {
        listening = false;
        if (!running) return;
        LOG.warn("listening for other instances' changes failed ({}); again in {} ms", e.getMessage(), backoff);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          return;
        }
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
