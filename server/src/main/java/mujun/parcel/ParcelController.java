package mujun.parcel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.geo.GeoJsonInput;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;
import org.locationtech.jts.geom.Geometry;

/** HTTP for the parcel register: parses and validates, calls the repository, writes the answer. */
public final class ParcelController {
  private final ParcelRepository repo;
  private final String schema;

  public ParcelController(ParcelRepository repo, mujun.schema.Catalog catalog) {
    this.repo = repo;
    this.schema = mujun.http.Json.write(ParcelFields.FIELDS.writeSchema(catalog));
  }

  /** GET /api/parcels/schema: the fields a parcel write may carry, with their types, bounds and names (the form is built from it). */
  public void schema(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/schema+json; charset=utf-8").header("Cache-Control", "private, no-cache").result(schema);
  }

  /** GET /api/parcels?bbox=minLon,minLat,maxLon,maxLat[&cluster=id][&asOf=date|instant][&limit=n] */
  public void list(Context ctx) throws IOException {
    Http.allowQuery(ctx, "bbox", "cluster", "asOf", "limit");
    Principal who = Principal.of(ctx);
    ParcelRepository.BBox bbox = bbox(ctx.queryParam("bbox"));
    Integer cluster = ctx.queryParam("cluster") == null ? null : Http.intParam(ctx, "cluster", 1, Integer.MAX_VALUE);
    int limit = ctx.queryParam("limit") == null ? 5000 : Http.intParam(ctx, "limit", 1, ParcelRepository.MAX_LIST);
    Instant asOf = Http.asOf(ctx.queryParam("asOf"), "asOf");
    ctx.contentType("application/geo+json; charset=utf-8");
    ctx.header("Cache-Control", "private, no-cache");
    OutputStream out = ctx.outputStream();
    repo.streamList(who, bbox, cluster, asOf, limit, out);
  }

  /** GET /api/parcels/{id}[?asOf=] — with an ETag carrying the version. */
  public void one(Context ctx) {
    Http.allowQuery(ctx, "asOf");
    long id = Http.idParam(ctx);
    Instant asOf = Http.asOf(ctx.queryParam("asOf"), "asOf");
    ParcelRepository.Found f = repo.one(Principal.of(ctx), id, asOf)
        .orElseThrow(() -> ApiError.notFound("Parcel " + id + " does not exist" + (asOf != null ? " at that date." : ".")));
    if (asOf == null) ctx.header("ETag", etag(id, f.version()));
    ctx.contentType("application/geo+json; charset=utf-8").result(f.featureJson());
  }

  public void history(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    String json = repo.history(Principal.of(ctx), id).orElseThrow(() -> ApiError.notFound("Parcel " + id + " does not exist."));
    ctx.contentType("application/json; charset=utf-8").result(json);
  }

  public void create(Context ctx) {
    Http.allowQuery(ctx);
    ParcelInput in = ParcelInput.parse(Json.object(ctx, ParcelInput.ALLOWED), true);
    ParcelRepository.Saved saved = repo.create(Principal.of(ctx), in);
    respondWith(ctx, saved.id(), 201, saved.repaired());
  }

  /** PATCH /api/parcels/{id}: changes the fields present; needs If-Match. */
  public void patch(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "parcel", id);
    ParcelInput in = ParcelInput.parse(Json.object(ctx, ParcelInput.ALLOWED), false);
    ParcelRepository.Saved saved = repo.update(Principal.of(ctx), id, version, in);
    respondWith(ctx, id, 200, saved.repaired());
  }

  /** POST /api/parcels/{id}/retire {reason}: needs If-Match. */
  public void retire(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "parcel", id);
    ObjectNode body = Json.object(ctx, Set.of("reason"));
    repo.retire(Principal.of(ctx), id, version, requiredReason(body));
    ctx.status(204);
  }

  /** POST /api/parcels/{id}/split {line, codes?, reason}: needs If-Match. */
  public void split(Context ctx) {
    Http.allowQuery(ctx);
    long id = Http.idParam(ctx);
    int version = Http.ifMatch(ctx, "parcel", id);
    ObjectNode body = Json.object(ctx, Set.of("line", "codes", "reason"));
    Geometry line = GeoJsonInput.parse(body.get("line"), "line", Set.of("LineString"));
    List<String> codes = codes(body.get("codes"));
    List<Long> ids = repo.split(Principal.of(ctx), id, version, line, codes, requiredReason(body));
    ctx.status(201).json(Map.of("ids", ids));
  }

  /** POST /api/parcels/merge {parts: [{id, version}], keep?, code?, reason}: keep = the part whose attributes stay (default: the first). */
  public void merge(Context ctx) {
    Http.allowQuery(ctx);
    ObjectNode body = Json.object(ctx, Set.of("parts", "keep", "code", "reason"));
    JsonNode parts = body.get("parts");
    if (parts == null || !parts.isArray() || parts.size() < 2 || parts.size() > 50) {
      throw ApiError.badRequest("MERGE_PARTS", "'parts' must list 2 to 50 parcels as {\"id\": …, \"version\": …}.");
    }
    List<ParcelRepository.Part> list = new ArrayList<>();
    for (JsonNode p : parts) {
      if (!p.path("id").isIntegralNumber() || !p.path("version").isIntegralNumber()) {
        throw ApiError.badRequest("MERGE_PARTS", "Each part needs a numeric id and the version you saw.");
      }
      list.add(new ParcelRepository.Part(p.get("id").asLong(), p.get("version").asInt()));
    }
    if (list.stream().map(ParcelRepository.Part::id).distinct().count() != list.size()) {
      throw ApiError.badRequest("MERGE_PARTS", "A parcel is listed twice.");
    }
    String code = null;
    if (body.hasNonNull("code")) {
      code = body.get("code").asText().strip().toUpperCase();
      String c = code;
      ParcelCode.problem(code).ifPresent(p -> {
        throw ApiError.unprocessable("VALIDATION_FAILED", p, Map.of("field", "code", "value", Json.clip(c)));
      });
    }
    if (body.has("keep") && !body.get("keep").isIntegralNumber()) {
      throw ApiError.unprocessable("VALIDATION_FAILED", "'keep' is the id of the part whose attributes the merged parcel keeps.", Map.of("field", "keep"));
    }
    long keep = body.has("keep") ? body.get("keep").asLong() : list.get(0).id();
    long id = repo.merge(Principal.of(ctx), list, keep, code, requiredReason(body));
    respondWith(ctx, id, 201, null);
  }

  /** Answers with the saved parcel; a repaired outline is said in the member "repaired" (what was wrong, and where). */
  private void respondWith(Context ctx, long id, int status, String repaired) {
    ParcelRepository.Found f = repo.one(Principal.of(ctx), id, null).orElseThrow();
    String body = f.featureJson();
    if (repaired != null) {
      try {
        ObjectNode n = (ObjectNode) Json.MAPPER.readTree(body);
        n.putObject("repaired").put("was", repaired).put("by", "ST_MakeValid");
        body = Json.MAPPER.writeValueAsString(n);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    ctx.status(status).header("ETag", etag(id, f.version())).header("Location", "/api/parcels/" + id)
        .contentType("application/geo+json; charset=utf-8").result(body);
  }

  static String etag(long id, int version) {
    return "\"parcel-" + id + "-v" + version + "\"";
  }

  /** Reads If-Match for parcel {@code id} (shared with the OGC API writes). */
  private static String requiredReason(ObjectNode body) {
    JsonNode r = body.get("reason");
    if (r == null || !r.isTextual() || r.asText().isBlank()) {
      throw ApiError.unprocessable("REASON_REQUIRED", "Say why (field 'reason'): it is kept in the parcel's history.", Map.of("field", "reason"));
    }
    if (r.asText().length() > 500) throw ApiError.unprocessable("VALIDATION_FAILED", "The reason may have at most 500 characters.", Map.of("field", "reason"));
    return r.asText().strip();
  }

  private static List<String> codes(JsonNode n) {
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray() || n.size() > 50) throw ApiError.badRequest("SPLIT_CODES", "'codes' must be an array of 宗地代码.");
    List<String> out = new ArrayList<>();
    for (JsonNode c : n) {
      String code = c.asText().strip().toUpperCase();
      ParcelCode.problem(code).ifPresent(p -> {
        throw ApiError.unprocessable("VALIDATION_FAILED", p, Map.of("field", "codes", "value", Json.clip(code)));
      });
      out.add(code);
    }
    return out;
  }

  /** The bbox of a list: required, lon/lat (EPSG:4490). */
  static ParcelRepository.BBox bbox(String s) {
    double[] v = Http.bbox(s);
    if (v == null) throw ApiError.badRequest("BBOX_REQUIRED", "Give bbox=minLon,minLat,maxLon,maxLat (EPSG:4490).");
    return new ParcelRepository.BBox(v[0], v[1], v[2], v[3]);
  }
}
