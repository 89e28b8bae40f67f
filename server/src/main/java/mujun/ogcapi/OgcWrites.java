package mujun.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import mujun.auth.Principal;
import mujun.error.ApiError;
import mujun.http.Http;
import mujun.http.Json;
import mujun.lowefficiency.LowEffRepository;
import mujun.parcel.ParcelFields;
import mujun.parcel.ParcelInput;
import mujun.parcel.ParcelRepository;
import mujun.schema.Field;

/**
 * OGC API – Features Part 4 (create, replace, update, delete with ETag / If-Match) for the editable collections, parcels
 * and low-efficiency land, in the shapes desktop clients send (QGIS: every property it read, PATCH without "type", no
 * If-Match — see {@link #precondition}).
 */
public final class OgcWrites {
  private static final OgcCollection PARCELS = OgcCollection.get("parcels");

  private final OgcStore store;
  private final ReadVersions reads;
  private final ParcelRepository parcels;
  private final LowEffRepository lowEff;

  OgcWrites(OgcStore store, ReadVersions reads, ParcelRepository parcels, LowEffRepository lowEff) {
    this.store = store;
    this.reads = reads;
    this.parcels = parcels;
    this.lowEff = lowEff;
  }

  // ------------------------------------------------------------------ Part 4: writes (parcels)

  /** POST /ogcapi/collections/parcels/items: a GeoJSON Feature whose properties use the API's field names. */
  public void create(Context ctx) {
    Http.allowQuery(ctx);
    ParcelInput in = ParcelInput.parse(featureBody(featureEnvelope(ctx), null), true);
    ParcelRepository.Saved s = parcels.create(Principal.of(ctx), in);
    ctx.status(201).header("Location", Http.base(ctx) + "/ogcapi/collections/parcels/items/" + s.id())
        .header("ETag", "\"parcel-" + s.id() + "-v1\"");
  }

  /** PUT: replaces the parcel's attributes and outline (all required fields); needs If-Match. */
  public void replace(Context ctx) {
    write(ctx, true);
  }

  /** PATCH: changes the properties (and geometry) present; needs If-Match. */
  public void update(Context ctx) {
    write(ctx, false);
  }

  private void write(Context ctx, boolean full) {
    Http.allowQuery(ctx);
    long id = OgcController.featureId(ctx);
    ObjectNode envelope = featureEnvelope(ctx);
    java.util.Optional<ParcelRepository.Current> now = parcels.current(Principal.of(ctx), id);
    int version = precondition(ctx, id, now, envelope.path("properties").path("version"));
    ParcelInput in = ParcelInput.parse(featureBody(envelope, now.orElse(null)), full);
    parcels.update(Principal.of(ctx), id, version, in);
    reads.remember(ReadVersions.readerOf(ctx, PARCELS), PARCELS, id, version + 1);
    ctx.status(204).header("ETag", "\"parcel-" + id + "-v" + (version + 1) + "\"");
  }

  /**
   * The version a write to parcel {@code id} may change, in the order of Part 4 and RFC 9110: with If-Match, its ETag
   * (or {@code *}: whatever is current), 412 when the parcel does not exist; without it, 404 for a missing parcel, then
   * the {@code version} property of the body — a desktop client (QGIS) sends back every property it read, so an edit
   * made on a stale copy is still refused with 412 — then the version this token's user last read of it (QGIS's PATCH
   * bodies hold only what changed), and only when there is none, 428.
   */
  private int precondition(Context ctx, long id, java.util.Optional<ParcelRepository.Current> now, JsonNode bodyVersion) {
    String h = ctx.header("If-Match");
    if (h != null && !h.isBlank()) {
      if (now.isEmpty()) throw new ApiError(412, "VERSION_CONFLICT", "Parcel " + id + " does not exist, so If-Match cannot match it.");
      if (h.strip().equals("*")) return now.get().version();
      int v = Http.ifMatch(ctx, "parcel", id);
      if (bodyVersion.isIntegralNumber() && bodyVersion.asInt() != v) {
        throw new ApiError(412, "VERSION_CONFLICT", "If-Match (version " + v + ") and the version property (" + bodyVersion.asInt() + ") disagree; reload the parcel.");
      }
      return v;
    }
    if (now.isEmpty()) throw ApiError.notFound("Parcel " + id + " does not exist.");
    if (bodyVersion.isIntegralNumber()) return bodyVersion.asInt();
    Integer read = reads.last(ctx, PARCELS, id);
    if (read != null) return read;
    return Http.ifMatch(ctx, "parcel", id); // 428: say what is missing
  }

  /** DELETE: retires the parcel (its history is kept); needs If-Match (or * for the current version). */
  public void delete(Context ctx) {
    Http.allowQuery(ctx);
    long id = OgcController.featureId(ctx);
    int version = precondition(ctx, id, parcels.current(Principal.of(ctx), id), Json.MAPPER.missingNode());
    String reason = ctx.header("Mujun-Reason");
    parcels.retire(Principal.of(ctx), id, version, reason == null || reason.isBlank() ? "retired through OGC API – Features" : Json.clip(reason));
    ctx.status(204);
  }

  // ------------------------------------------------------------------ Part 4: writes (low-efficiency land)

  static final Set<String> TAG_PROPERTIES = Set.of("parcelId", "kind", "wholeParcel", "surveyDate", "criteria", "notes", "reason");

  /** A Feature's properties (allow-listed) and geometry as the body the tag input reads. */
  private ObjectNode tagBody(Context ctx) {
    ObjectNode b = featureEnvelope(ctx);
    ObjectNode out = Json.MAPPER.createObjectNode();
    JsonNode props = b.path("properties");
    if (props.isObject()) {
      for (var it = props.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!TAG_PROPERTIES.contains(e.getKey())) {
          throw ApiError.badRequest("UNKNOWN_FIELD", "Unknown property '" + Json.clip(e.getKey()) + "'; a tag has " + String.join(", ", new java.util.TreeSet<>(TAG_PROPERTIES)) + ".",
              Map.of("field", Json.clip(e.getKey())));
        }
        out.set(e.getKey(), e.getValue());
      }
    }
    if (b.has("geometry") && !b.get("geometry").isNull()) out.set("geometry", b.get("geometry"));
    return out;
  }

  /** POST /ogcapi/collections/low-efficiency-land/items: tags a parcel (whole, or the part given as geometry). */
  public void createTag(Context ctx) {
    Http.allowQuery(ctx);
    long id = lowEff.createTag(Principal.of(ctx), mujun.lowefficiency.TagInput.parse(tagBody(ctx), true));
    ctx.status(201).header("Location", Http.base(ctx) + "/ogcapi/collections/low-efficiency-land/items/" + id).header("ETag", "\"tag-" + id + "-v1\"");
  }

  /** PUT and PATCH: change the tag's kind, part, survey date, criteria or notes; needs If-Match. */
  public void updateTag(Context ctx) {
    Http.allowQuery(ctx);
    long id = OgcController.featureId(ctx);
    int version = Http.ifMatch(ctx, "tag", id);
    lowEff.updateTag(Principal.of(ctx), id, version, mujun.lowefficiency.TagInput.parse(tagBody(ctx), false));
    ctx.status(204).header("ETag", "\"tag-" + id + "-v" + (version + 1) + "\"");
  }

  /** DELETE: clears the tag (kept in history) with the reason in Mujun-Reason; needs If-Match. */
  public void deleteTag(Context ctx) {
    Http.allowQuery(ctx);
    long id = OgcController.featureId(ctx);
    int version = Http.ifMatch(ctx, "tag", id);
    String reason = ctx.header("Mujun-Reason");
    lowEff.clearTag(Principal.of(ctx), id, version, reason == null || reason.isBlank() ? "cleared through OGC API – Features" : Json.clip(reason));
    ctx.status(204);
  }

  /** OPTIONS on items: the methods this caller may use, so QGIS enables editing. */
  public void options(Context ctx, String id, boolean item) {
    Principal who = Principal.orNull(ctx);
    boolean may = who != null && (id.equals("parcels") ? who.canEditParcels() : who.canEditLowEfficiency());
    boolean edit = OgcCollection.get(id).editable() && may;
    String allow = item ? (edit ? "GET, HEAD, PUT, PATCH, DELETE, OPTIONS" : "GET, HEAD, OPTIONS") : (edit ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS");
    ctx.header("Allow", allow).status(200);
  }

  /** Properties the server computes: a client may send them back as it read them (QGIS does), never change them. */
  static final Set<String> READ_ONLY = ParcelFields.FIELDS.where(f -> f.has(Field.Use.OGC) && !f.has(Field.Use.WRITE)).stream()
      .map(Field::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * The body of a write: a GeoJSON Feature turned into the fields ParcelInput reads. Read-only properties are dropped
   * when they equal the parcel's current values ({@code now}; on create, always) and refused when they differ.
   */
  private static ObjectNode featureBody(ObjectNode b, ParcelRepository.Current now) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    JsonNode props = b.path("properties");
    if (!props.isMissingNode() && !props.isNull()) {
      for (var it = props.fields(); it.hasNext(); ) {
        var e = it.next();
        if (READ_ONLY.contains(e.getKey())) {
          JsonNode was = now == null ? null : now.readOnly().get(e.getKey());
          JsonNode v = e.getValue();
          if (e.getKey().equals("version") || was == null || was.isNull() || v.isNull() || sameValue(was, v)) continue;
          throw ApiError.unprocessable("READ_ONLY", e.getKey() + " is computed by the server (areas are plane areas in the parcel's Gauss-Krüger zone) "
              + "and cannot be changed; send it as read, or leave it out.", Map.of("field", e.getKey()));
        }
        if (!ParcelInput.ALLOWED.contains(e.getKey()) || e.getKey().equals("geometry")) {
          throw ApiError.badRequest("UNKNOWN_FIELD", "Unknown property '" + Json.clip(e.getKey()) + "'.", Map.of("field", Json.clip(e.getKey())));
        }
        out.set(e.getKey(), e.getValue());
      }
    }
    if (b.has("geometry") && !b.get("geometry").isNull()) out.set("geometry", b.get("geometry"));
    return out;
  }

  private static boolean sameValue(JsonNode was, JsonNode v) {
    return was.isNumber() && v.isNumber() ? was.decimalValue().compareTo(v.decimalValue()) == 0 : was.equals(v);
  }

  /** A write's body: a GeoJSON Feature in CRS84 (or EPSG:4490) whose properties, if any, are an object. */
  private ObjectNode featureEnvelope(Context ctx) {
    String header = ctx.header("Content-Crs");
    Crs crs = Crs.of(header == null ? null : header.strip().replaceAll("^<|>$", ""), "Content-Crs");
    ObjectNode b = Json.object(ctx, Set.of("type", "id", "geometry", "properties", "links"));
    // "type" may be left out (QGIS's PATCH bodies do); when present it must say Feature.
    if (b.has("type") && !"Feature".equals(b.path("type").asText())) throw ApiError.badRequest("NOT_A_FEATURE", "The body must be a GeoJSON Feature.");
    JsonNode props = b.path("properties");
    if (!props.isMissingNode() && !props.isNull() && !props.isObject()) throw ApiError.badRequest("NOT_A_FEATURE", "properties must be an object.");
    if (!crs.uri().equals(Crs.CRS84) && b.has("geometry") && !b.get("geometry").isNull()) b.set("geometry", store.toCrs84(b.get("geometry"), crs));
    return b;
  }
}
