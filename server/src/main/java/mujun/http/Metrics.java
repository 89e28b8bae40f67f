package mujun.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's own measurements in Prometheus' text format (GET /metrics): a latency histogram and status counts per
 * route (the route's template, never the raw path, so the series stay few), and gauges and counters the components
 * register (the database pool, the tile cache). Lock-free on the request path.
 */
public final class Metrics {
  /** Upper bounds of the latency buckets, in seconds. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
    final LongAdder count = new LongAdder();
    final AtomicLong sumMicros = new AtomicLong();

    Histogram() {
      for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
    }

    void observe(double seconds) {
      int i = 0;
      while (i < BUCKETS.length && seconds > BUCKETS[i]) i++;
      counts[i].increment();
      count.increment();
      sumMicros.addAndGet((long) (seconds * 1_000_000));
    }
  }

  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

  /** Records one request to {@code route} (e.g. "GET /api/parcels/{id}") that answered {@code status} after {@code seconds}. */
  public void observe(String route, int status, double seconds) {
    latency.computeIfAbsent(route, k -> new Histogram()).observe(seconds);
    statuses.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
  }

  /** Registers a gauge or counter read at each scrape: {@code name} with its Prometheus type and help. */
  public void gauge(String name, Supplier<Number> value) {
    gauges.put(name, value);
  }

  static String label(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** The text exposition (version 0.0.4). */
  public String scrape() {
    StringBuilder b = new StringBuilder();
    b.append("# HELP mujun_http_request_duration_seconds Time to answer a request, per route.\n");
    b.append("# TYPE mujun_http_request_duration_seconds histogram\n");
    for (Map.Entry<String, Histogram> e : new TreeMap<>(latency).entrySet()) {
      String[] mp = e.getKey().split(" ", 2);
      String lbl = "method=\"" + label(mp[0]) + "\",route=\"" + label(mp.length > 1 ? mp[1] : "") + "\"";
      Histogram h = e.getValue();
      long cum = 0;
      for (int i = 0; i < BUCKETS.length; i++) {
        cum += h.counts[i].sum();
        b.append("mujun_http_request_duration_seconds_bucket{").append(lbl).append(",le=\"").append(BUCKETS[i]).append("\"} ").append(cum).append('\n');
      }
      cum += h.counts[BUCKETS.length].sum();
      b.append("mujun_http_request_duration_seconds_bucket{").append(lbl).append(",le=\"+Inf\"} ").append(cum).append('\n');
      b.append("mujun_http_request_duration_seconds_sum{").append(lbl).append("} ").append(h.sumMicros.get() / 1_000_000.0).append('\n');
      b.append("mujun_http_request_duration_seconds_count{").append(lbl).append("} ").append(h.count.sum()).append('\n');
    }
    b.append("# HELP mujun_http_responses_total Responses per route and status.\n# TYPE mujun_http_responses_total counter\n");
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(statuses).entrySet()) {
      String[] rs = e.getKey().split("\u0000");
      String[] mp = rs[0].split(" ", 2);
      b.append("mujun_http_responses_total{method=\"").append(label(mp[0])).append("\",route=\"").append(label(mp.length > 1 ? mp[1] : ""))
          .append("\",status=\"").append(rs[1]).append("\"} ").append(e.getValue().sum()).append('\n');
    }
    // A gauge's name may carry labels (name{label="v"}): one TYPE line per metric, before its first series.
    String typed = null;
    for (Map.Entry<String, Supplier<Number>> e : new TreeMap<>(gauges).entrySet()) {
      String name = e.getKey(), metric = name.replaceFirst("\\{.*$", "");
      if (!metric.equals(typed)) b.append("# TYPE ").append(metric).append(metric.endsWith("_total") ? " counter\n" : " gauge\n");
      typed = metric;
      b.append(name).append(' ').append(e.getValue().get()).append('\n');
    }
    return b.toString();
  }
}
