package mujun.tiles;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mujun.auth.Principal;
import mujun.error.ApiError;
import mujun.http.Http;

/** GET /tiles/{collectionId}/{z}/{x}/{y}.mvt and the TileJSON of each tiled collection. */
public final class TileController {
  private final TileService tiles;

  public TileController(TileService tiles) {
    this.tiles = tiles;
  }

  /** GET /tiles/{collection}/{z}/{x}/{y}.mvt; the route table gives each collection its own access. */
  public void tile(Context ctx, String collection) {
    Http.allowQuery(ctx);
    Principal who = Principal.orNull(ctx);
    int z = pathInt(ctx, "z"), x = pathInt(ctx, "x");
    String yPart = ctx.pathParam("y");
    if (!yPart.endsWith(".mvt")) throw ApiError.notFound("Tiles end in .mvt.");
    int y = parse(yPart.substring(0, yPart.length() - 4), "y");
    TileService.Tile t = tiles.tile(collection, z, x, y, who);
    ctx.header("ETag", t.etag()).header("Cache-Control", TileService.isPublic(collection) ? "public, max-age=60, must-revalidate" : "private, no-cache")
        .header("Vary", "Cookie, Authorization");
    if (t.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType("application/vnd.mapbox-vector-tile").result(t.bytes());
  }

  /** GET /tiles/{collection}/tilejson.json */
  public void tileJson(Context ctx, String collection) {
    Http.allowQuery(ctx);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tilejson", "3.0.0");
    m.put("name", collection);
    m.put("scheme", "xyz");
    m.put("tiles", List.of(Http.base(ctx) + "/tiles/" + collection + "/{z}/{x}/{y}.mvt"));
    m.put("minzoom", 0);
    m.put("maxzoom", 22);
    m.put("bounds", tiles.region().bounds());
    if (collection.equals("parcels")) {
      m.put("description", "Parcel outlines from zoom 12; up to zoom 11 an overview: one square per cell of a 64 × 64 grid per tile, "
          + "with the main land use, the number of parcels, their area and the share of the cell they cover.");
    }
    m.put("vector_layers", List.of(Map.of("id", collection, "fields", switch (collection) {
      case "parcels" -> Map.of("id", "Number (zoom 12+)", "landUseCode", "String (up to zoom 11: the cell's main land use)", "color", "String",
          "clusterId", "Number (zoom 12+)", "code", "String (zoom 14+)", "areaMu", "Number (zoom 14+; up to zoom 11: the cell's parcels, 亩)",
          "parcels", "Number (up to zoom 11: parcels in the cell)", "coverage", "Number (up to zoom 11: share of the cell covered, 0–1)");
      case "low-efficiency-land" -> Map.of("id", "Number", "kind", "String", "color", "String", "clusterId", "Number", "disposal", "String (zoom 12+)",
          "areaMu", "Number (zoom 14+)");
      case "standard-land" -> Map.of("id", "Number", "plotNo", "String", "name", "String", "areaMu", "Number", "landUseCode", "String",
          "reservePriceWan", "Number", "clusterId", "Number");
      default -> Map.of("id", "Number", "code", "String", "name", "String", "nameEn", "String", "cityCode", "String");
    })));
    ctx.json(m);
  }

  private static int pathInt(Context ctx, String name) {
    return parse(ctx.pathParam(name), name);
  }

  private static int parse(String s, String name) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("BAD_TILE", name + " must be a whole number.");
    }
  }
}
