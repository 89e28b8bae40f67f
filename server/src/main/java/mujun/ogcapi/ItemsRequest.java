package mujun.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;

/**
 * The request side of an items page: its parameters read and checked (datetime, bbox and bbox-crs, filter, queryables,
 * properties, sortby, cursors) into an {@link OgcQuery}, and the query string kept in paging links.
 */
final class ItemsRequest {
  private ItemsRequest() {}

  /** An RFC 3339 instant, or a date (its last moment, in China Standard Time). */
  static Instant instant(String v) {
    try {
      return Http.moment(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("BAD_DATETIME", "datetime must be RFC 3339 instants (2024-05-31T00:00:00Z) or dates, alone or as an interval.");
    }
  }

  /** The filters of an items request (datetime, scope, bbox in any served CRS, CQL2 filter, queryables as parameters). */
  static OgcQuery query(Context ctx, OgcCollection c, OgcStore store) {
    OgcQuery q = new OgcQuery(c);
    String dt = ctx.queryParam("datetime");
    if (dt != null) {
      // Part 1: an instant or an interval (either end may be open, ".."). A collection without time matches everything;
      // the register is read as it was at the instant, or at the end of the interval (now for an open end).
      String[] ends = dt.split("/", -1);
      if (ends.length > 2 || dt.isBlank()) throw ApiError.badRequest("BAD_DATETIME", "datetime is an instant or an interval such as 2024-01-01T00:00:00Z/2024-05-31T00:00:00Z (.. for an open end).");
      Instant at = null;
      for (String e : ends) {
        Instant t = e.isEmpty() || e.equals("..") ? null : instant(e);
        if (ends.length == 1 && t == null) throw ApiError.badRequest("BAD_DATETIME", "datetime must be an RFC 3339 instant (2024-05-31T00:00:00Z) or a date.");
        at = t;
      }
      if (ends.length == 2 && ends[0].equals("..") && ends[1].equals("..")) at = null;
      if (c.temporal() && at != null) q.asOf(at);
    }
    if (c.scoped()) q.scope(Principal.of(ctx));
    String bbox = ctx.queryParam("bbox");
    if (bbox != null) {
      double[] b = numbers(bbox);
      Crs bc = Crs.of(ctx.queryParam("bbox-crs"), "bbox-crs");
      if (bc.flip()) b = new double[] {b[1], b[0], b[3], b[2]};
      if (bc.srid() != 4326 && bc.srid() != 4490) b = store.toLonLat(bc.srid(), b);
      if (b[1] > b[3] || b[1] < -90 || b[3] > 90) throw ApiError.badRequest("BAD_BBOX", "bbox latitudes must be ordered and within ±90.");
      q.bbox(b[0], b[1], b[2], b[3]);
    } else if (ctx.queryParam("bbox-crs") != null) {
      throw ApiError.badRequest("BAD_PARAMETER", "bbox-crs goes with bbox.");
    }
    String filter = ctx.queryParam("filter");
    if (filter != null) {
      String lang = ctx.queryParam("filter-lang") == null ? "cql2-text" : ctx.queryParam("filter-lang");
      Crs fcrs = Crs.of(ctx.queryParam("filter-crs"), "filter-crs");
      Cql2.Sql f = switch (lang) {
        case "cql2-text" -> Cql2.text(c, filter, fcrs);
        case "cql2-json" -> Cql2.json(c, filter, fcrs);
        default -> throw ApiError.badRequest("BAD_PARAMETER", "filter-lang is cql2-text or cql2-json.", Map.of("parameter", "filter-lang"));
      };
      q.where(f.sql(), f.params().toArray());
    } else if (ctx.queryParam("filter-lang") != null || ctx.queryParam("filter-crs") != null) {
      throw ApiError.badRequest("BAD_PARAMETER", "filter-lang and filter-crs go with filter.");
    }
    // Part 3, queryables as query parameters: ?landUseCode=0601 is the filter landUseCode = '0601' (GDAL sends -where so).
    for (var e : c.properties().entrySet()) {
      String v = ctx.queryParam(e.getKey());
      if (v == null) continue;
      com.fasterxml.jackson.databind.node.ObjectNode eq = Json.MAPPER.createObjectNode().put("op", "=");
      var args = eq.putArray("args");
      args.addObject().put("property", e.getKey());
      String type = e.getValue()[1];
      if (type.equals("integer") || type.equals("number")) {
        try {
          args.add(new java.math.BigDecimal(v));
        } catch (NumberFormatException ex) {
          throw ApiError.badRequest("BAD_PARAMETER", e.getKey() + " is a number.", Map.of("parameter", e.getKey()));
        }
      } else {
        args.add(v);
      }
      Cql2.Sql w = Cql2.json(c, eq.toString());
      q.where(w.sql(), w.params().toArray());
    }
    return q;
  }

  static double[] numbers(String s) {
    double[] v = Http.numbers(s, "bbox", 4, 6);
    return v.length == 4 ? v : new double[] {v[0], v[1], v[3], v[4]};
  }

  static List<String> properties(Context ctx, OgcCollection c) {
    String p = ctx.queryParam("properties");
    if (p == null) return new ArrayList<>(c.properties().keySet());
    List<String> out = new ArrayList<>();
    for (String name : p.split(",")) {
      String n = name.strip();
      if (n.isEmpty()) continue;
      if (!c.properties().containsKey(n)) {
        throw ApiError.badRequest("UNKNOWN_PROPERTY", "'" + Json.clip(n) + "' is not a property of " + c.id() + "; properties: "
            + String.join(", ", c.properties().keySet()) + ".", Map.of("property", Json.clip(n)));
      }
      if (!out.contains(n)) out.add(n);
    }
    return out;
  }

  static final Set<String> PAGING_PARAMS = Set.of("cursor", "before", "f");

  /** Every request parameter but paging and f, to keep in next/prev links. */
  static String keptQuery(Context ctx) {
    StringBuilder sb = new StringBuilder();
    for (var e : ctx.queryParamMap().entrySet()) {
      if (PAGING_PARAMS.contains(e.getKey())) continue;
      sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue().get(0), StandardCharsets.UTF_8)).append('&');
    }
    return sb.toString();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** sortby: up to five allow-listed properties, each + (default) or - for descending; the feature id breaks ties. */
  static List<OgcQuery.Sort> sortby(Context ctx, OgcCollection c) {
    String s = ctx.queryParam("sortby");
    if (s == null || s.isBlank()) return null;
    String[] keys = s.split(",");
    if (keys.length > 5) throw ApiError.badRequest("BAD_SORTBY", "sortby takes at most five properties (then the feature id breaks ties).", Map.of("parameter", "sortby"));
    List<OgcQuery.Sort> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String raw : keys) {
      String k = raw.strip();
      boolean desc = k.startsWith("-");
      if (k.startsWith("-") || k.startsWith("+")) k = k.substring(1);
      String[] def = c.properties().get(k);
      if (def == null) {
        throw ApiError.badRequest("UNKNOWN_PROPERTY", "'" + Json.clip(k) + "' is not a property of " + c.id() + ".", Map.of("property", Json.clip(k)));
      }
      if (!seen.add(k)) throw ApiError.badRequest("BAD_SORTBY", "'" + Json.clip(k) + "' appears twice in sortby.", Map.of("parameter", "sortby"));
      out.add(OgcQuery.Sort.of(def, desc));
    }
    return out;
  }

  /** A keyset cursor: a feature id, or (with sortby) an opaque token of the sort values and id. */
  static String[] token(Context ctx, String name, List<OgcQuery.Sort> sort) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    try {
      if (sort == null) return new String[] {String.valueOf(Long.parseLong(v))};
      JsonNode n = Json.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(v));
      if (!n.isArray() || n.size() != 2 || !n.get(0).isArray() || n.get(0).size() != sort.size() || !n.get(1).canConvertToLong()) {
        throw new IllegalArgumentException();
      }
      String[] out = new String[sort.size() + 1];
      for (int i = 0; i < sort.size(); i++) out[i] = n.get(0).get(i).asText();
      out[sort.size()] = String.valueOf(n.get(1).asLong());
      return out;
    } catch (RuntimeException | IOException e) {
      throw ApiError.badRequest("BAD_PARAMETER", name + " must come from a next/prev link of the same request.", Map.of("parameter", name));
    }
  }

  static String cursorOf(String id, String sortValues, List<OgcQuery.Sort> sort) {
    if (sort == null) return id;
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("[" + sortValues + "," + Long.parseLong(id) + "]").getBytes(StandardCharsets.UTF_8));
  }
}
