package mujun.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class GdalInfoTest {
  static final String GPKG = String.join("\n",
      "INFO: Open of `parcels.gpkg'", "      using driver `GPKG' successful.", "", "Layer name: parcels", "Geometry: Multi Polygon",
      "Feature Count: 100800", "Extent: (373214.262316, 3400000.5) - (669181.1, 4008000.25)", "Layer SRS WKT:", "PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger CM 114E\",",
      "    ID[\"EPSG\",4547]]", "Data axis to CRS axis mapping: 2,1", "FID Column = fid", "Geometry Column NOT NULL = geom",
      "zddm: String (19.0) NOT NULL", "dlbm: String (0.0) NOT NULL", "宗地面积: Real (24.15)", "qlxz: String (0.0) DEFAULT 'x'", "GDRQ: Date (10.0)");

  @Test
  void fieldsWithConstraintsAndChineseNamesAreRead() {
    JsonNode layer = Gdal.parseInfo(GPKG).get("layers").get(0);
    assertThat(layer.get("name").asText()).isEqualTo("parcels");
    assertThat(layer.get("featureCount").asLong()).isEqualTo(100800);
    assertThat(layer.get("fields").findValuesAsText("name")).containsExactly("zddm", "dlbm", "宗地面积", "qlxz", "GDRQ");
    JsonNode gf = layer.get("geometryFields").get(0);
    assertThat(gf.get("type").asText()).isEqualTo("Multi Polygon");
    assertThat(gf.get("extent").get(0).asDouble()).isEqualTo(373214.262316);
    assertThat(gf.get("extent").get(3).asDouble()).isEqualTo(4008000.25);
  }

  @Test
  void indentedWktLinesAreNotFields() {
    JsonNode layer = Gdal.parseInfo(GPKG).get("layers").get(0);
    assertThat(layer.get("fields").findValuesAsText("name")).doesNotContain("    ID[\"EPSG\",4547]]", "FID Column = fid");
  }
}
