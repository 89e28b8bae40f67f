package mujun.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import mujun.support.TestApp;
import mujun.support.TestApp.Client;
import mujun.support.TestApp.Resp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exports through ogr2ogr, read back with real GDAL; scope decides what is in them. */
class ExportTest {
  static Client coord;
  static int xzxg;

  @BeforeAll
  static void setUp() {
    TestApp.get();
    coord = Client.signedIn("t-coord");
    xzxg = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'XZXG'");
  }

  static String ogrinfo(Path file) throws Exception {
    Process p = new ProcessBuilder("ogrinfo", "-ro", "-so", "-al", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  static Path save(byte[] bytes, String name) throws Exception {
    Path d = Fixtures.dir();
    Path f = d.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  @Test
  void geoPackageOfOneClusterInAGaussKrugerZone() throws Exception {
    int n = TestApp.intQuery("SELECT count(*) FROM parcel WHERE cluster_id = ? AND status = 'current'", xzxg);
    byte[] gpkg = coord.getBytes("/api/exports/parcels?format=gpkg&crs=EPSG:4547&cluster=" + xzxg);
    String info = ogrinfo(save(gpkg, "x.gpkg"));
    assertThat(info).contains("Feature Count: " + n).contains("CGCS2000 / 3-degree Gauss-Kruger CM 114E").contains("zddm").contains("area_mu");
  }

  @Test
  void shapefileZipCarriesCpgAndPrjAndReadsBackInChinese() throws Exception {
    byte[] zip = coord.getBytes("/api/exports/parcels?format=shp&crs=EPSG:4490&cluster=" + xzxg);
    Path d = Fixtures.dir();
    List<String> names = new ArrayList<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        names.add(e.getName());
        Files.write(d.resolve(e.getName()), z.readAllBytes());
      }
    }
    assertThat(names).anyMatch(s -> s.endsWith(".cpg")).anyMatch(s -> s.endsWith(".prj")).anyMatch(s -> s.endsWith(".dbf"));
    Path shp = Files.list(d).filter(p -> p.toString().endsWith(".shp")).findFirst().orElseThrow();
    Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-q", "-where", "qlr IS NOT NULL", shp.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    assertThat(out).containsPattern("qlr \\(String\\) = \\p{IsHan}+");
  }

  @Test
  void geoJsonCsvAndDxfAndAPastDate() throws Exception {
    Resp gj = coord.get("/api/exports/parcels?format=geojson&cluster=" + xzxg);
    assertThat(gj.status()).isEqualTo(200);
    assertThat(gj.json().get("features").size()).isGreaterThan(0);
    String csv = coord.get("/api/exports/parcels?format=csv&crs=EPSG:4547&cluster=" + xzxg).body();
    assertThat(csv).contains("WKT").contains("zddm").contains("MULTIPOLYGON");
    byte[] dxf = coord.getBytes("/api/exports/parcels?format=dxf&crs=EPSG:4547&cluster=" + xzxg);
    assertThat(new String(dxf, 0, Math.min(dxf.length, 200))).contains("SECTION");
    Resp past = coord.get("/api/exports/parcels?format=geojson&asOf=2001-01-01");
    assertThat(past.json().get("features")).isEmpty();
  }

  @Test
  void aParkManagersExportHoldsOnlyTheirCluster() throws Exception {
    Client park = Client.signedIn("t-park");
    int lygx = TestApp.intQuery("SELECT id FROM cluster WHERE code = 'LYGX'");
    assertThat(park.get("/api/exports/parcels?format=geojson&cluster=" + lygx).json().get("features")).isEmpty();
    Resp all = park.get("/api/exports/parcels?format=geojson");
    int mine = TestApp.intQuery("SELECT count(*) FROM parcel WHERE cluster_id = ? AND status = 'current'", xzxg);
    assertThat(all.json().get("features").size()).isEqualTo(mine);
    assertThat(Client.anonymous().get("/api/exports/parcels?format=gpkg").status()).isEqualTo(401);
  }

  @Test
  void badExportParametersAreRefused() {
    assertThat(coord.get("/api/exports/parcels?format=exe").json().get("code").asText()).isEqualTo("BAD_FORMAT");
    assertThat(coord.get("/api/exports/parcels?crs=EPSG:2000").json().get("code").asText()).isEqualTo("BAD_CRS");
    assertThat(coord.get("/api/exports/parcels?crs=;rm%20-rf").json().get("code").asText()).isEqualTo("BAD_CRS");
  }
}
