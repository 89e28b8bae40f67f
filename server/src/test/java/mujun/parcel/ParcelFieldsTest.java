package mujun.parcel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mujun.http.Json;
import mujun.schema.Catalog;
import mujun.schema.Field;
import mujun.schema.Field.Use;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parcel's description is the one place a field is said: every field appears wherever its description puts it —
 * the app API, OGC API items, queryables and schema, vector tiles, exports, the OpenAPI document and the form's schema —
 * and the description is held against the database, so a column, bound or comment that drifts stops the server.
 * Iterating the description, this test covers a field added tomorrow as it covers today's.
 */
class ParcelFieldsTest {
  static Client editor;
  static Client coord;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    editor = Client.signedIn("t-resources");
    coord = Client.signedIn("t-coord");
  }

  static Set<String> names(List<Field> fields) {
    return new TreeSet<>(fields.stream().map(Field::name).toList());
  }

  static Set<String> keys(JsonNode n) {
    Set<String> out = new TreeSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void theDescriptionAgreesWithTheDatabase() {
    Catalog cat = Catalog.read(TestApp.get().db.dataSource(), ParcelFields.TABLES);
    assertThat(ParcelFields.problems(cat)).isEmpty();
    assertThat(cat.description("parcel", "floor_area_ratio").zh()).isEqualTo("容积率");
  }

  @Test
  void aColumnBoundOrCommentThatDriftsIsNamed() throws Exception {
    try (Connection c = TestApp.get().db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL lock_timeout = '5s'");
        st.execute("ALTER TABLE parcel ADD COLUMN drift_probe integer");
        st.execute("ALTER TABLE parcel DROP CONSTRAINT parcel_floor_area_ratio_check, ADD CHECK (floor_area_ratio >= 0 AND floor_area_ratio <= 30) NOT VALID");
        st.execute("ALTER TABLE parcel DROP CONSTRAINT parcel_right_type_check, ADD CHECK (right_type IN ('transfer', 'allocation', 'lease', 'other')) NOT VALID");
        st.execute("COMMENT ON COLUMN parcel.remarks IS NULL");
        List<String> problems = ParcelFields.problems(Catalog.read(c, ParcelFields.TABLES));
        assertThat(problems).anyMatch(p -> p.startsWith("parcel.drift_probe: a column with no field"))
            .anyMatch(p -> p.startsWith("floorAreaRatio: bounds [0, 20] but the database checks [0, 30]"))
            .anyMatch(p -> p.startsWith("rightType: values"))
            .anyMatch(p -> p.startsWith("remarks: column parcel.remarks has no COMMENT ON"))
            .hasSize(4);
      } finally {
        c.rollback();
      }
    }
  }

  /** A value for every written field, from its type alone. */
  static ObjectNode everyWrittenField() {
    ObjectNode b = Json.MAPPER.createObjectNode();
    for (Field f : ParcelFields.FIELDS.with(Use.WRITE)) {
      switch (f.name()) {
        case "code" -> b.put("code", TestApp.newCode());
        case "landUseScheme" -> b.put(f.name(), "GB/T 21010-2017");
        case "landUseCode" -> b.put(f.name(), "0601");
        case "clusterId", "holderId" -> { } // the cluster follows from the outline; no holder
        default -> {
          var t = f.type();
          if (t.values() != null) b.put(f.name(), t.values().get(0));
          else if (t.isDate()) b.put(f.name(), "2020-01-01");
          else if (t.json().equals("number")) b.put(f.name(), 1.5);
          else b.put(f.name(), "x");
        }
      }
    }
    return b;
  }

  @Test
  void everyFieldAppearsWhereItsDescriptionSays() throws Exception {
    double[] sq = TestApp.square();
    ObjectNode body = everyWrittenField();
    body.set("geometry", Json.tree(TestApp.polygonJson(sq)));
    body.put("reason", "description test");
    Resp created = editor.send("POST", "/api/parcels", body.toString(), Map.of());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();

    // The app API: every DETAIL field, written ones as sent.
    JsonNode detail = editor.get("/api/parcels/" + id).json().get("properties");
    assertThat(keys(detail)).isEqualTo(names(ParcelFields.FIELDS.with(Use.DETAIL)));
    body.fieldNames().forEachRemaining(n -> {
      if (ParcelFields.FIELDS.get(n) != null) assertThat(detail.get(n).asText()).as(n).isEqualTo(body.get(n).asText());
    });
    int cluster = detail.get("clusterId").asInt();

    // OGC API – Features: the item, the queryables and the schema carry exactly the OGC fields.
    Set<String> ogc = names(ParcelFields.FIELDS.with(Use.OGC));
    assertThat(keys(coord.get("/ogcapi/collections/parcels/items/" + id).json().get("properties"))).isEqualTo(ogc);
    JsonNode queryables = coord.get("/ogcapi/collections/parcels/queryables").json().get("properties");
    JsonNode schema = coord.get("/ogcapi/collections/parcels/schema").json().get("properties");
    for (String n : ogc) {
      assertThat(queryables.has(n)).as("queryable " + n).isTrue();
      assertThat(schema.get(n).get("title").asText()).as("title of " + n + " from COMMENT ON").isNotBlank();
    }
    assertThat(schema.get("floorAreaRatio").get("maximum").asInt()).isEqualTo(20);
    assertThat(schema.get("areaMu").get("readOnly").asBoolean()).isTrue();
    assertThat(coord.get("/ogcapi/collections/parcels/items?limit=1&floorAreaRatio=1.5&remarks=x").json().get("numberMatched").asInt()).isGreaterThan(0);

    // Vector tiles: each field from its zoom on.
    double lon = (sq[0] + sq[2]) / 2, lat = (sq[1] + sq[3]) / 2;
    for (int z : new int[] {12, 14}) {
      int[] t = mujun.tiles.TileTest.tileOf(lon, lat, z);
      int x = t[1], y = t[2];
      String info = mujun.tiles.TileTest.decode(coord.getBytes("/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt"), new int[] {z, x, y});
      for (Field f : ParcelFields.FIELDS.where(f -> f.tileZoom() >= 0)) {
        if (f.tileZoom() <= z) assertThat(info).as(f.name() + " at z" + z).contains("  " + f.name() + " (");
        else assertThat(info).as(f.name() + " not before z" + f.tileZoom()).doesNotContain("  " + f.name() + " (");
      }
    }

    // Exports: every field with an export name, under it.
    JsonNode features = coord.get("/api/exports/parcels?format=geojson&cluster=" + cluster).json().get("features");
    JsonNode mine = null;
    for (JsonNode f : features) if (f.get("properties").get("zddm").asText().equals(body.get("code").asText())) mine = f.get("properties");
    assertThat(mine).isNotNull();
    List<String> exported = new ArrayList<>(ParcelFields.FIELDS.where(f -> f.exportName() != null).stream().map(Field::exportName).toList());
    assertThat(keys(mine)).containsAll(exported);

    // The OpenAPI document and the form's schema.
    JsonNode schemas = Client.anonymous().get("/api/openapi.json").json().get("components").get("schemas");
    assertThat(keys(schemas.get("ParcelInput").get("properties"))).containsAll(names(ParcelFields.FIELDS.with(Use.WRITE)));
    assertThat(keys(schemas.get("ParcelFeature").get("properties").get("properties").get("properties")))
        .isEqualTo(names(ParcelFields.FIELDS.with(Use.DETAIL)));
    JsonNode form = editor.get("/api/parcels/schema").json();
    assertThat(keys(form.get("properties"))).isEqualTo(names(ParcelFields.FIELDS.with(Use.WRITE)));
    assertThat(form.get("properties").get("registeredAreaM2").get("exclusiveMinimum").asInt()).isZero();
    assertThat(form.get("properties").get("registeredAreaM2").get("x-title-en").asText()).isEqualTo("Registered area (m²)");
    assertThat(form.get("required").toString()).contains("code", "landUseScheme", "landUseCode");
  }
}
