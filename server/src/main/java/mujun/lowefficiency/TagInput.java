package mujun.lowefficiency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import mujun.geo.GeoJsonInput;
import mujun.http.Form;

/** A low-efficiency tag write, read and checked field by field (the app API and OGC API – Features Part 4 share it). */
public final class TagInput {
  private TagInput() {}

  /** A tag write's body: {@code create} requires the parcel, kind and survey date. */
  public static LowEffRepository.TagInput parse(ObjectNode b, boolean create) {
    Form f = new Form(b);
    Long parcel = null;
    if (create) {
      JsonNode p = b.get("parcelId");
      if (p == null || !p.isIntegralNumber() || p.asLong() <= 0) f.problem("parcelId", "is required (the parcel to tag)");
      else parcel = p.asLong();
    }
    String kind = f.text("kind", 40, create);
    if (kind != null && !kind.matches("[a-z_]{2,40}")) f.problem("kind", "must be a kind code such as idle, stopped, half_stopped, stalled, slowed");
    org.locationtech.jts.geom.Geometry g = f.has("geometry") ? GeoJsonInput.parse(b.get("geometry"), "geometry", Set.of("Polygon", "MultiPolygon")) : null;
    Boolean whole = b.has("wholeParcel") ? b.get("wholeParcel").asBoolean() : null;
    if (whole != null && whole && g != null) f.problem("geometry", "give a drawn part or wholeParcel=true, not both");
    LocalDate survey = f.date("surveyDate", create);
    if (survey != null && survey.isAfter(LocalDate.now())) f.problem("surveyDate", "cannot be in the future");
    List<String> criteria = f.texts("criteria", 20, 200);
    String notes = f.text("notes", 4000, false);
    String reason = f.text("reason", 500, false);
    f.done();
    return new LowEffRepository.TagInput(parcel, kind, g, whole, survey, create && criteria == null ? List.of() : criteria, notes, reason);
  }
}
