package mujun.http;

import mujun.error.ApiError;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;

/** Small request helpers shared by controllers: strict query parameters, typed path parameters. */
public final class Http {
  private Http() {}

  /** Refuses query parameters other than {@code allowed} (400), and repeated ones. */
  public static void allowQuery(Context ctx, String... allowed) {
    allowQuery(ctx, Set.of(allowed));
  }

  /** As {@link #allowQuery(Context, String...)}, with the allowed names as a set (made once by the caller). */
  public static void allowQuery(Context ctx, Set<String> ok) {
    for (Map.Entry<String, java.util.List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!ok.contains(e.getKey())) {
        throw ApiError.badRequest("UNKNOWN_PARAMETER", "Unknown query parameter '" + Json.clip(e.getKey()) + "'"
            + (ok.isEmpty() ? "; this resource takes none." : "; allowed: " + String.join(", ", new java.util.TreeSet<>(ok)) + "."),
            Map.of("parameter", Json.clip(e.getKey())));
      }
      if (e.getValue().size() > 1) throw ApiError.badRequest("REPEATED_PARAMETER", "Query parameter '" + e.getKey() + "' is given more than once.");
    }
  }

  /** An ISO instant, or an ISO date read as its last moment in China Standard Time (the register as it stood that day). */
  public static java.time.Instant moment(String s) {
    return s.length() == 10
        ? java.time.LocalDate.parse(s).plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant().minusNanos(1000)
        : java.time.Instant.parse(s);
  }

  /** Parses an as-of moment ({@link #moment}); null when absent, 400 when malformed. */
  public static java.time.Instant asOf(String s, String parameter) {
    if (s == null || s.isBlank()) return null;
    try {
      return moment(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiError.badRequest("BAD_AS_OF", parameter + " must be a date (2024-05-31) or an instant (2024-05-31T08:00:00Z).", Map.of("parameter", parameter));
    }
  }

  public static long idParam(Context ctx) {
    return longParam(ctx, "id");
  }

  /** A positive whole-number path parameter; 400 otherwise. */
  public static long longParam(Context ctx, String name) {
    String s = ctx.pathParam(name);
    try {
      long v = Long.parseLong(s);
      if (v <= 0) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("BAD_ID", "The " + name + " in the path must be a positive whole number.");
    }
  }

  /** The language a file is asked for (?lang=): zh (the default) or en; 400 for any other. */
  public static String langParam(Context ctx) {
    String asked = ctx.queryParam("lang");
    if (asked != null && !asked.equals("zh") && !asked.equals("en")) throw ApiError.badRequest("BAD_PARAMETER", "lang must be zh or en.");
    return "en".equals(asked) ? "en" : "zh";
  }

  public static int intParam(Context ctx, String name, int min, int max) {
    String s = ctx.queryParam(name);
    try {
      int v = Integer.parseInt(s);
      if (v < min || v > max) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("BAD_PARAMETER", "'" + name + "' must be a whole number from " + min + " to " + max + ".", Map.of("parameter", name));
    }
  }

  /** Comma-separated finite numbers, as many as one of {@code counts} (a bbox: 4, or 6 with heights); 400 otherwise. */
  public static double[] numbers(String s, String parameter, int... counts) {
    String[] p = s.split(",", -1);
    if (java.util.Arrays.stream(counts).noneMatch(n -> n == p.length)) {
      throw ApiError.badRequest("BAD_BBOX", parameter + " needs " + java.util.Arrays.stream(counts).mapToObj(Integer::toString)
          .reduce((x, y) -> x + " or " + y).orElse("") + " numbers: minLon,minLat,maxLon,maxLat.", Map.of("parameter", parameter));
    }
    double[] v = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      try {
        v[i] = Double.parseDouble(p[i].strip());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("BAD_BBOX", parameter + " value " + (i + 1) + " is not a number.", Map.of("parameter", parameter));
      }
      if (!Double.isFinite(v[i])) throw ApiError.badRequest("BAD_BBOX", parameter + " values must be finite numbers.", Map.of("parameter", parameter));
    }
    return v;
  }

  /** A bbox parameter minLon,minLat,maxLon,maxLat in degrees (null when absent); 400 when malformed or unordered. */
  public static double[] bbox(String s) {
    if (s == null || s.isEmpty()) return null;
    double[] d = numbers(s, "bbox", 4);
    if (d[0] > d[2] || d[1] > d[3] || Math.abs(d[0]) > 180 || Math.abs(d[2]) > 180 || Math.abs(d[1]) > 90 || Math.abs(d[3]) > 90) {
      throw ApiError.badRequest("BAD_BBOX", "bbox is minLon,minLat,maxLon,maxLat with min ≤ max, in degrees.", Map.of("parameter", "bbox"));
    }
    return d;
  }

  /** The address clients reached this server by (the proxy's scheme when it says so), for links. */
  public static String base(Context ctx) {
    String proto = ctx.header("X-Forwarded-Proto");
    return (proto != null && proto.matches("https?") ? proto : ctx.scheme()) + "://" + ctx.host();
  }

  /** Whether a cookie set now must be Secure: so configured, or the client came over HTTPS (directly or via the proxy). */
  public static boolean secureCookie(Context ctx, boolean configured) {
    return configured || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || ctx.scheme().equals("https");
  }

  /**
   * Reads If-Match for the resource {@code kind} {@code id} (ETag "kind-id-vN"): 428 when missing, 412 when it names
   * another resource or is malformed; returns N.
   */
  public static int ifMatch(Context ctx, String kind, long id) {
    String h = ctx.header("If-Match");
    if (h == null || h.isBlank()) {
      throw new ApiError(428, "PRECONDITION_REQUIRED", "Send If-Match with the " + kind + "'s ETag (its version) so that concurrent edits cannot overwrite each other.");
    }
    String t = h.strip().startsWith("W/") ? h.strip().substring(2) : h.strip();
    String prefix = "\"" + kind + "-" + id + "-v";
    if (t.startsWith(prefix) && t.endsWith("\"")) {
      try {
        return Integer.parseInt(t.substring(prefix.length(), t.length() - 1));
      } catch (NumberFormatException e) {
        // falls through to the refusal
      }
    }
    throw new ApiError(412, "VERSION_CONFLICT", "If-Match does not match this " + kind + "'s ETag; reload it.");
  }
}
