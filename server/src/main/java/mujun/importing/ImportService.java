package mujun.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mujun.auth.Principal;
import mujun.config.Config;
import mujun.db.Db;
import mujun.db.Named;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * Imports parcel files in three steps: inspect (store in quarantine, read the layer with ogrinfo, decide encoding and
 * CRS, suggest a field mapping), check (load with ogr2ogr into a staging table, then validate and compare in SQL into a
 * per-feature report), and commit (one transaction through the register's triggers, so history and versioning are the
 * same as for an edit).
 *
 * <p>Over 400 lines: the three steps share one job's state (its quarantine folder, staging table, mapping and CRS
 * decision), and each step's SQL is in {@link ImportSql}; the file handling is in {@link Quarantine} and {@link Gdal}.
 */
public final class ImportService {
  /** The parcel fields a source field can be mapped to. */
  public static final List<String> TARGETS = List.of("code", "landUseCode", "landUseScheme", "rightType", "holderCreditCode", "holderName",
      "declaredArea", "supplyDate", "transferPriceWan", "agreedStartDate", "agreedCompletionDate", "contractedInvestmentWan",
      "floorAreaRatio", "remarks");

  /** Usual field names of Chinese cadastral and approval files, per target (compared case-insensitively). */
  static final Map<String, List<String>> USUAL = Map.ofEntries(
      Map.entry("code", List.of("ZDDM", "宗地代码", "宗地编码", "宗地号", "BDCDYH", "不动产单元号", "地块编号", "DKBH")),
      Map.entry("landUseCode", List.of("DLBM", "地类编码", "地类代码", "TDYT", "土地用途", "用途代码", "地块用途")),
      Map.entry("landUseScheme", List.of("DLFA", "地类分类体系", "分类体系", "DLFL")),
      Map.entry("rightType", List.of("QLXZ", "权利性质", "供地方式", "GDFS", "QLLX")),
      Map.entry("holderCreditCode", List.of("TYSHXYDM", "统一社会信用代码", "XYDM", "信用代码")),
      Map.entry("holderName", List.of("QLR", "权利人", "使用权人", "QLRMC", "用地单位")),
      Map.entry("declaredArea", List.of("ZDMJ", "宗地面积", "MJ", "面积", "地块面积", "DKMJ", "SCMJ")),
      Map.entry("supplyDate", List.of("GDRQ", "供地日期", "CRRQ", "出让日期")),
      Map.entry("transferPriceWan", List.of("CRJ", "出让价款", "出让金", "成交价", "CJJ")),
      Map.entry("agreedStartDate", List.of("YDDGRQ", "约定动工日期", "DGRQ")),
      Map.entry("agreedCompletionDate", List.of("YDJGRQ", "约定竣工日期", "JGRQ")),
      Map.entry("contractedInvestmentWan", List.of("TZE", "投资额", "合同投资")),
      Map.entry("floorAreaRatio", List.of("RJL", "容积率")),
      Map.entry("remarks", List.of("BZ", "备注")));

  private final Db db;
  private final Config cfg;
  private final Quarantine quarantine;
  private final Gdal gdal;
  private final CrsGuess crsGuess;

  public ImportService(Db db, Config cfg, Quarantine quarantine, Gdal gdal, mujun.geo.Region region) {
    this.db = db;
    this.cfg = cfg;
    this.quarantine = quarantine;
    this.gdal = gdal;
    this.crsGuess = new CrsGuess(region);
  }

  /** What the user chose for a dry run (every field optional). */
  public record Options(Integer crs, String encoding, Integer clusterId, Map<String, String> mapping, String defaultLandUseScheme,
                        String defaultLandUseCode, String areaUnit) {
    public static Options none() {
      return new Options(null, null, null, null, null, null, null);
    }
  }

  // ---------------------------------------------------------------- inspect

  /** Stores and reads the upload; returns the job as JSON (fields, samples, CRS decision, suggested mapping). */
  public ObjectNode inspect(Principal who, String fileName, InputStream body, Options opt) {
    requireTarget(who, opt.clusterId());
    Quarantine.Stored st = quarantine.store(who.userId(), fileName, body);
    try {
      Dataset ds = dataset(st, opt.encoding());
      Path dataset = ds.path();
      Integer declared = ds.declared();
      String crsNote = ds.crsNote();
      String encoding = ds.encoding();
      String cpgEncoding = ds.cpgEncoding();
      JsonNode info = gdal.info(dataset, openOptions(st.format(), encoding));
      JsonNode layer = info.path("layers").path(0);
      if (layer.isMissingNode()) throw ApiError.unprocessable("NO_LAYER", "The file holds no layer.", null);
      if (info.path("layers").size() > 1) throw ApiError.unprocessable("MANY_LAYERS", "The file holds " + info.path("layers").size() + " layers; import one layer per file.", null);
      JsonNode gf = layer.path("geometryFields").path(0);
      if (declared == null) declared = CrsGuess.fromProjJson(gf.path("coordinateSystem").path("projjson"));
      List<String> fields = new ArrayList<>();
      for (JsonNode f : layer.path("fields")) fields.add(f.path("name").asText());
      String sourceKey = sourceKey(st.format(), fields);
      Map<String, String> mapping = savedMapping(sourceKey);
      boolean saved = mapping != null;
      if (mapping == null) mapping = suggest(fields);
      JsonNode ext = gf.path("extent");
      CrsGuess.Extent extent = ext.size() == 4 ? new CrsGuess.Extent(ext.get(0).asDouble(), ext.get(1).asDouble(), ext.get(2).asDouble(), ext.get(3).asDouble()) : null;
      ObjectNode insp = Json.MAPPER.createObjectNode();
      insp.put("layer", layer.path("name").asText());
      insp.put("featureCount", layer.path("featureCount").asLong());
      insp.put("geometryType", gf.path("type").asText());
      insp.set("fields", Json.MAPPER.valueToTree(fields));
      insp.set("extent", Json.MAPPER.valueToTree(ext));
      insp.put("dataset", quarantine.root().relativize(dataset).toString());
      if (declared != null) insp.put("declaredCrs", declared);
      if (crsNote != null) insp.put("crsNote", crsNote);
      insp.put("encodingFrom", cpgEncoding != null ? ".cpg" : st.format().equals("shapefile") ? (opt.encoding() != null ? "your choice" : "default (GBK)") : "format (UTF-8)");
      insp.put("mappingSaved", saved);
      final Integer declaredCrs = declared;
      final String enc = encoding;
      final Map<String, String> mapped = mapping;
      long id = db.inTransaction(Db.Change.by(who.username(), "import inspect"), c -> {
        try (PreparedStatement ps = c.prepareStatement(ImportSql.INSERT_JOB)) {
          int i = 1;
          ps.setString(i++, who.username());
          ps.setString(i++, st.fileName());
          ps.setString(i++, st.sha256());
          ps.setLong(i++, st.size());
          ps.setString(i++, st.format());
          ps.setString(i++, layer.path("name").asText());
          ps.setObject(i++, declaredCrs, java.sql.Types.INTEGER);
          ps.setString(i++, crsSourceOf(declaredCrs, opt));
          ps.setString(i++, enc);
          ps.setObject(i++, opt.clusterId(), java.sql.Types.INTEGER);
          ps.setString(i++, sourceKey);
          ps.setString(i++, Json.write(mapped));
          ps.setString(i++, insp.toString());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        }
      });
      String jobDir = "job-" + id + "-" + st.dir().getFileName();
      Files.move(st.dir(), quarantine.root().resolve(jobDir));
      insp.put("dataset", jobDir + "/" + dataset.getFileName());
      updateInspection(id, insp);
      ObjectNode out = job(who, id);
      if (extent != null) {
        CrsGuess.Decision d = crsGuess.decide(declared, opt.crs(), extent, clusterLon(opt.clusterId()));
        ObjectNode crs = out.putObject("crs");
        crs.put("ok", d.ok());
        if (d.srid() != null) crs.put("srid", d.srid());
        if (d.guess() != null) crs.put("guess", d.guess());
        crs.put("reason", (crsNote != null ? crsNote + ". " : "") + d.reason());
      }
      return out;
    } catch (IOException e) {
      quarantine.discard(st.dir());
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      quarantine.discard(st.dir());
      throw e;
    }
  }

  /** A stored upload as GDAL reads it: its path, the CRS its own header declares (a red-line file's) and its text encoding. */
  record Dataset(Path path, Integer declared, String crsNote, String encoding, String cpgEncoding) {}

  /**
   * Makes a stored upload ready for GDAL: a red-line coordinate file becomes GeoJSON with the CRS its header names; a
   * Shapefile's encoding is the one chosen, else its .cpg's, else GBK (Chinese desktop GIS writes GBK without a .cpg).
   */
  static Dataset dataset(Quarantine.Stored st, String chosenEncoding) throws IOException {
    Path dataset = st.dataset();
    if (st.format().equals("redline")) {
      RedLine.File rl;
      try {
        rl = RedLine.parse(RedLine.decode(Files.readAllBytes(dataset)));
      } catch (IllegalArgumentException e) {
        throw ApiError.unprocessable("REDLINE_MALFORMED", "The red-line coordinate file cannot be read: " + e.getMessage() + ".", null);
      }
      Path gj = dataset.resolveSibling("redline.geojson");
      Files.writeString(gj, RedLine.toGeoJson(rl), StandardCharsets.UTF_8);
      return new Dataset(gj, rl.srid(), rl.sridReason(), "UTF-8", null);
    }
    if (!st.format().equals("shapefile")) return new Dataset(dataset, null, null, null, null);
    String cpg = cpg(dataset);
    return new Dataset(dataset, null, null, chosenEncoding != null ? chosenEncoding : cpg != null ? cpg : "GBK", cpg);
  }

  private static String crsSourceOf(Integer declared, Options opt) {
    return opt.crs() != null ? "user" : declared != null ? "file" : null;
  }

  private void updateInspection(long id, ObjectNode insp) {
    db.inTransaction(Db.Change.by("import", "inspection"), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE import_job SET inspection = ?::jsonb WHERE id = ?")) {
        ps.setString(1, insp.toString());
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      return null;
    });
  }

  static List<String> openOptions(String format, String encoding) {
    return format.equals("shapefile") && encoding != null ? List.of("ENCODING=" + encoding) : List.of();
  }

  /** The encoding a .cpg beside the .shp names (UTF-8, GBK, …), or null. */
  static String cpg(Path shp) throws IOException {
    Path cpg = shp.resolveSibling(Quarantine.stem(shp) + ".cpg");
    if (!Files.exists(cpg)) return null;
    String v = Files.readString(cpg, StandardCharsets.ISO_8859_1).strip().toUpperCase(Locale.ROOT);
    if (v.matches("(UTF-?8|65001)")) return "UTF-8";
    if (v.matches("(GBK|CP936|936|GB2312|GB18030)")) return "GBK";
    return v.matches("[A-Z0-9_-]{2,20}") ? v : null;
  }

  /** Suggests a mapping from the usual names. */
  static Map<String, String> suggest(List<String> fields) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String target : TARGETS) {
      for (String usual : USUAL.getOrDefault(target, List.of())) {
        String hit = fields.stream().filter(f -> f.equalsIgnoreCase(usual)).findFirst().orElse(null);
        if (hit != null && !m.containsValue(hit)) {
          m.put(target, hit);
          break;
        }
      }
    }
    return m;
  }

  /** The key under which a table's column mapping is remembered: its set of column names. */
  public static String layoutKey(List<String> columns) {
    return sourceKey("table", columns);
  }

  static String sourceKey(String format, List<String> fields) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      md.update((format + "|" + String.join("|", new TreeSet<>(fields.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()))).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> savedMapping(String key) {
    String json = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(ImportSql.SAVED_MAPPING)) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
    return json == null ? null : readMap(json);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> readMap(String json) {
    try {
      return Json.MAPPER.readValue(json, LinkedHashMap.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An import may target only a cluster whose parcels the caller may change: 403 otherwise, before anything is read. */
  private static void requireTarget(Principal who, Integer clusterId) {
    if (clusterId == null) return;
    for (Integer k : who.parcelEditableClusters()) if (k.equals(clusterId)) return;
    throw new ApiError(403, "OUT_OF_SCOPE", "You may not import into cluster " + clusterId + ": choose one of your clusters.",
        List.of(Map.of("field", "clusterId")));
  }

  private Double clusterLon(Integer clusterId) {
    if (clusterId == null) return null;
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT ST_X(ST_PointOnSurface(boundary)) FROM cluster WHERE id = ?")) {
        ps.setInt(1, clusterId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw ApiError.unprocessable("UNKNOWN_CLUSTER", "Cluster " + clusterId + " does not exist.", Map.of("field", "clusterId"));
          return rs.getDouble(1);
        }
      }
    });
  }

  // ---------------------------------------------------------------- check (dry run)

  /** Loads the layer into staging with ogr2ogr, validates it in SQL, and writes the per-feature report. */
  public ObjectNode check(Principal who, long id, Options opt) {
    ObjectNode job = job(who, id);
    String status = job.path("status").asText();
    if (status.equals("committed")) throw new ApiError(409, "IMPORT_COMMITTED", "Import " + id + " is already committed.");
    if (status.equals("failed")) throw new ApiError(409, "IMPORT_FAILED", "Import " + id + " failed; upload the file again.");
    JsonNode insp = job.path("inspection");
    String format = job.path("format").asText();
    Path dataset = quarantine.root().resolve(insp.path("dataset").asText()).normalize();
    if (!dataset.startsWith(quarantine.root()) || !Files.exists(dataset)) {
      throw new ApiError(410, "IMPORT_FILE_GONE", "The uploaded file of import " + id + " is no longer kept; upload it again.");
    }
    Map<String, String> mapping = opt.mapping() != null ? opt.mapping() : readMap(job.path("mapping").toString());
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      if (!TARGETS.contains(e.getKey())) throw ApiError.unprocessable("MAPPING_INVALID", "'" + Json.clip(e.getKey()) + "' is not a parcel field; fields: " + TARGETS + ".", null);
      if (e.getValue() != null && !fieldsOf(insp).contains(e.getValue())) {
        throw ApiError.unprocessable("MAPPING_INVALID", "The file has no field '" + Json.clip(e.getValue()) + "' (mapped to " + e.getKey() + ").", null);
      }
    }
    Integer clusterId = opt.clusterId() != null ? opt.clusterId() : job.path("clusterId").isNumber() ? job.path("clusterId").asInt() : null;
    requireTarget(who, clusterId);
    Integer declared = insp.path("declaredCrs").isNumber() ? insp.path("declaredCrs").asInt() : null;
    JsonNode ext = insp.path("extent");
    CrsGuess.Decision d = ext.size() == 4
        ? crsGuess.decide(declared, opt.crs(), new CrsGuess.Extent(ext.get(0).asDouble(), ext.get(1).asDouble(), ext.get(2).asDouble(), ext.get(3).asDouble()), clusterLon(clusterId))
        : new CrsGuess.Decision(opt.crs() != null ? opt.crs() : declared, null, "empty layer");
    if (!d.ok()) {
      Map<String, Object> det = new LinkedHashMap<>();
      if (d.guess() != null) det.put("guess", d.guess());
      if (declared != null) det.put("declared", declared);
      throw new ApiError(422, declared == null && opt.crs() == null ? "CRS_MISSING" : "CRS_CONTRADICTS", d.reason(), det.isEmpty() ? List.of() : List.of(det));
    }
    String encoding = format.equals("shapefile") ? (opt.encoding() != null ? opt.encoding() : job.path("encoding").asText("GBK")) : job.path("encoding").asText(null);
    if (encoding != null && !encoding.matches("[A-Za-z0-9_-]{2,20}")) throw ApiError.unprocessable("ENCODING_INVALID", "Unknown encoding '" + Json.clip(encoding) + "'.", null);
    String scheme = opt.defaultLandUseScheme() != null ? opt.defaultLandUseScheme() : "GB/T 21010-2017";
    String areaUnit = opt.areaUnit() != null ? opt.areaUnit() : format.equals("redline") ? "ha" : "m2";
    double factor = switch (areaUnit) {
      case "m2" -> 1.0;
      case "mu" -> 10000.0 / 15.0;
      case "ha" -> 10000.0;
      default -> throw ApiError.unprocessable("AREA_UNIT_INVALID", "areaUnit is m2, mu or ha.", Map.of("field", "areaUnit"));
    };
    if (format.equals("redline") && !mapping.containsKey("code")) mapping.put("code", "地块编号");

    loadStaging(id, dataset, format, d.srid(), encoding);
    Principal scope = who;
    try {
      checkInDatabase(who, scope, id, opt, job, insp, mapping, scheme, factor, clusterId, d, encoding);
    } finally {
      db.inTransaction(Db.Change.by(who.username(), "drop staging"), c -> {
        exec(c, "DROP TABLE IF EXISTS " + ImportSql.staging(id));
        return null;
      });
    }
    return job(who, id);
  }

  private void checkInDatabase(Principal who, Principal scope, long id, Options opt, ObjectNode job, JsonNode insp, Map<String, String> mapping,
                               String scheme, double factor, Integer clusterId, CrsGuess.Decision d, String encoding) {
    db.inTransaction(who.change("import " + id + " dry run", "import"), c -> {
      {
        ImportSql.CLEAR_FEATURES.update(c, Named.values("import", id));
        double tol = setting(c, "overlap_tolerance_m2", 1.0), areaTol = setting(c, "area_tolerance_pct", 5.0);
        // Every step binds the same values by name: the import, the tolerances, the mapping (source field names as
        // values), the defaults, and the caller's clusters.
        Map<String, Object> v = new java.util.HashMap<>(Named.values("import", id, "tolerance", tol, "areaTolerance", areaTol, "cluster", clusterId,
            "scope", scope.parcelEditableClusters(), "readable", who.readableClusters(),
            "enterpriseScope", who.readsProvince() ? null : who.readableClusters(), "defaultLandUseCode", opt.defaultLandUseCode(),
            "defaultScheme", scheme, "areaFactor", factor));
        v.put("mapping", Json.write(mapping));
        // Per-feature functions in the FROM list look cheap to the planner; the dry run is heavy work on every feature,
        // so it may use parallel workers whenever they are free.
        exec(c, "SET LOCAL parallel_setup_cost = 0");
        exec(c, "SET LOCAL parallel_tuple_cost = 0");
        for (Named step : ImportSql.dryRun(id)) step.update(c, v);
        List<Map<String, Object>> warnings = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ImportSql.mojibake(id))) {
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getLong(1) > 0) {
              String was = encoding == null ? "UTF-8" : encoding, other = "GBK".equalsIgnoreCase(encoding) ? "UTF-8" : "GBK";
              warnings.add(Map.of("code", "MOJIBAKE", "message", rs.getLong(1) + " attribute value(s) look garbled (e.g. '" + Json.clip(rs.getString(2))
                  + "'): the file's text encoding is probably not " + was + "; try " + other + ".", "count", rs.getLong(1),
                  "example", Json.clip(rs.getString(2)), "encoding", was, "suggest", other));
            }
          }
        }
        exec(c, ImportSql.dropTexts(id));
        String counts;
        try (PreparedStatement ps = c.prepareStatement(ImportSql.COUNTS)) {
          ps.setLong(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            counts = rs.getString(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(ImportSql.SET_CHECKED)) {
          ps.setInt(1, d.srid());
          ps.setString(2, opt.crs() != null ? "user" : "file");
          ps.setString(3, encoding);
          ps.setObject(4, clusterId, java.sql.Types.INTEGER);
          ps.setString(5, Json.write(mapping));
          ps.setString(6, counts);
          ps.setString(7, Json.write(warnings));
          ps.setDouble(8, tol);
          ps.setLong(9, id);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(ImportSql.SAVE_MAPPING)) {
          ps.setString(1, job.path("sourceKey").asText());
          ps.setString(2, Json.write(mapping));
          ps.setArray(3, c.createArrayOf("text", fieldsOf(insp).toArray()));
          ps.setString(4, who.username());
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  private static Set<String> fieldsOf(JsonNode insp) {
    Set<String> s = new java.util.HashSet<>();
    for (JsonNode f : insp.path("fields")) s.add(f.asText());
    return s;
  }

  /** Loads the dataset into staging.import_{id} with ogr2ogr (PostgreSQL driver, COPY), assigning the decided CRS. */
  void loadStaging(long id, Path dataset, String format, int srid, String encoding) {
    String pg = "PG:" + cfg.libpq;
    List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "PostgreSQL", pg, dataset.toString(),
        "-nln", "staging.import_" + id, "-overwrite", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid", "-lco", "SPATIAL_INDEX=NONE",
        "-lco", "LAUNDER=NO", "-lco", "PRECISION=NO", "-a_srs", "EPSG:" + srid, "-dim", "XY", "--config", "PG_USE_COPY", "YES"));
    if (format.equals("dxf")) cmd.addAll(List.of("-nlt", "GEOMETRY"));
    else cmd.addAll(List.of("-nlt", "PROMOTE_TO_MULTI"));
    for (String o : openOptions(format, encoding)) {
      cmd.add("-oo");
      cmd.add(o);
    }
    Map<String, String> env = new LinkedHashMap<>();
    if (cfg.dbPassword != null) env.put("PGPASSWORD", cfg.dbPassword);
    env.put("PGOPTIONS", "-c statement_timeout=600000");
    Gdal.Result r = gdal.run(cmd, env, dataset.getParent());
    if (r.exit() != 0) {
      throw ApiError.unprocessable("UNREADABLE_FILE", "GDAL could not load the layer: " + Gdal.clean(r.err(), dataset.getParent()), null);
    }
  }

  private static double setting(Connection c, String key, double fallback) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT mujun_setting_num(?, ?)")) {
      ps.setString(1, key);
      ps.setDouble(2, fallback);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }
  }

  /** Runs a statement without parameters (DDL, ANALYZE). */
  private static void exec(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }

  // ---------------------------------------------------------------- commit

  /** Commits the checked import in one transaction: all features (refused if any is rejected) or only the accepted ones. */
  public ObjectNode commit(Principal who, long id, String mode) {
    if (!Set.of("all", "accepted").contains(mode)) throw ApiError.unprocessable("MODE_INVALID", "mode is all (default) or accepted.", Map.of("field", "mode"));
    ObjectNode job = job(who, id);
    if (!job.path("status").asText().equals("checked")) {
      throw new ApiError(409, "IMPORT_NOT_CHECKED", "Import " + id + " is " + job.path("status").asText() + "; run the dry run first.");
    }
    JsonNode counts = job.path("counts");
    if (mode.equals("all") && counts.path("rejected").asInt() > 0) {
      throw new ApiError(409, "IMPORT_HAS_REJECTED", counts.path("rejected").asInt() + " feature(s) were rejected: fix the file and import it again, "
          + "or commit the accepted ones only (mode=accepted).", List.of(Map.of("rejected", counts.path("rejected").asInt())));
    }
    int[] done = new int[2];
    db.inTransaction(who.change("import " + id + " (" + job.path("fileName").asText() + ")", "import"), c -> {
      try (PreparedStatement lock = c.prepareStatement("LOCK TABLE parcel IN SHARE ROW EXCLUSIVE MODE")) {
        lock.execute();
      }
      // The dry run checked every feature; what others wrote since is checked again here, for all features at once,
      // and the row triggers then leave boundary and overlaps of this import's rows to this check.
      double tol = setting(c, "overlap_tolerance_m2", 1.0);
      // The features' overlap cores were made for the dry run's tolerance: under another one the re-check below would
      // not be exact (and a job checked before they existed has none).
      Object checkedTol = mujun.db.Sql.rows(c, "SELECT overlap_tolerance_m2 FROM import_job WHERE id = ?", id).get(0)[0];
      if (!(checkedTol instanceof Number n) || n.doubleValue() != tol) {
        throw new ApiError(409, "CHANGED_SINCE_DRY_RUN", (checkedTol == null ? "Import " + id + " was checked by an earlier release"
            : "The overlap tolerance is " + tol + " m² now and was " + checkedTol + " m² at the dry run of import " + id) + "; run the dry run again.");
      }
      Object[] late = mujun.db.Sql.rows(c, ImportSql.COMMIT_RECHECK, id, tol, id, tol, id).get(0);
      if (((Number) late[0]).longValue() > 0) {
        throw new ApiError(409, "CHANGED_SINCE_DRY_RUN", late[0] + " feature(s) (the first is no. " + late[1] + ") now overlap a parcel "
            + "written since the dry run or lie outside a redrawn cluster boundary; run the dry run again to see which.");
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('mujun.checked_import', ?, true)")) {
        ps.setString(1, String.valueOf(id));
        ps.execute();
      }
      try (PreparedStatement ps = c.prepareStatement(ImportSql.UPDATE_EXISTING)) {
        ps.setLong(1, id);
        done[1] = ps.executeUpdate();
      }
      int expected;
      try (PreparedStatement ps = c.prepareStatement(ImportSql.EXPECTED_UPDATES)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          expected = rs.getInt(1);
        }
      }
      if (done[1] != expected) {
        throw new ApiError(412, "VERSION_CONFLICT", (expected - done[1]) + " parcel(s) were changed since the dry run; run the dry run again.");
      }
      try (PreparedStatement ps = c.prepareStatement(ImportSql.INSERT_NEW)) {
        ps.setLong(1, id);
        done[0] = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(ImportSql.SET_COMMITTED)) {
        ps.setString(1, mode);
        ps.setString(2, who.username());
        ps.setString(3, Json.write(Map.of("created", done[0], "updated", done[1])));
        ps.setLong(4, id);
        ps.executeUpdate();
      }
      return null;
    });
    quarantine.discard(quarantine.root().resolve(job.path("inspection").path("dataset").asText()).getParent());
    return job(who, id);
  }

  // ---------------------------------------------------------------- reading jobs and reports

  /** The job as JSON; only its creator and admins see it. */
  public ObjectNode job(Principal who, long id) {
    ObjectNode o = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(ImportSql.JOB)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return null;
          ObjectNode n = Json.MAPPER.createObjectNode();
          n.put("id", rs.getLong(1));
          n.put("createdBy", rs.getString(2));
          n.put("createdAt", rs.getTimestamp(3).toInstant().toString());
          n.put("fileName", rs.getString(4));
          n.put("sha256", rs.getString(5));
          n.put("size", rs.getLong(6));
          n.put("format", rs.getString(7));
          n.put("layer", rs.getString(8));
          if (rs.getObject(9) != null) n.put("sourceCrs", rs.getInt(9));
          n.put("crsFrom", rs.getString(10));
          n.put("encoding", rs.getString(11));
          if (rs.getObject(12) != null) n.put("clusterId", rs.getInt(12));
          n.put("sourceKey", rs.getString(13));
          n.set("mapping", tree(rs.getString(14)));
          n.set("inspection", tree(rs.getString(15)));
          n.put("status", rs.getString(16));
          n.set("counts", tree(rs.getString(17)));
          n.set("warnings", tree(rs.getString(18)));
          n.put("mode", rs.getString(19));
          n.put("committedAt", rs.getTimestamp(20) == null ? null : rs.getTimestamp(20).toInstant().toString());
          n.put("committedBy", rs.getString(21));
          n.set("targets", Json.MAPPER.valueToTree(TARGETS));
          return n;
        }
      }
    });
    if (o == null || (!o.path("createdBy").asText().equals(who.username()) && !who.has("admin"))) {
      throw ApiError.notFound("Import " + id + " does not exist.");
    }
    return o;
  }

  public String jobs(Principal who) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(ImportSql.JOBS)) {
        String mine = who.has("admin") ? null : who.username();
        ps.setString(1, mine);
        ps.setString(2, mine);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return "{\"imports\":" + (rs.getString(1) == null ? "[]" : rs.getString(1)) + "}";
        }
      }
    });
  }

  /** The report lines: fid, status, action, code, cluster, area m², area 亩, declared m², problems, repairs, warnings. */
  public List<Object[]> reportRows(Principal who, long id) {
    return reportRows(who, id, false);
  }

  /** The report lines (as {@link ImportReport#rows} reads them), or only those of features repaired or rejected. */
  public List<Object[]> reportRows(Principal who, long id, boolean notAcceptedOnly) {
    job(who, id);
    return db.read(c -> {
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(ImportSql.REPORT_ROWS)) {
        ps.setLong(1, id);
        ps.setBoolean(2, notAcceptedOnly);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object[] r = new Object[12];
            for (int i = 0; i < 12; i++) r[i] = rs.getObject(i + 1);
            rows.add(r);
          }
        }
      }
      return rows;
    });
  }

  /** The features of the report as GeoJSON (rejected ones in their source outline), for the map. */
  public void writeFeatures(Principal who, long id, int limit, OutputStream out) throws IOException {
    job(who, id);
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(ImportSql.FEATURES)) {
        ps.setLong(1, id);
        ps.setInt(2, limit);
        ps.setFetchSize(500);
        try (ResultSet rs = ps.executeQuery()) {
          mujun.http.FeatureStream.write(rs, out);
        }
      }
      return null;
    });
  }

  private static JsonNode tree(String s) {
    try {
      return s == null ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
