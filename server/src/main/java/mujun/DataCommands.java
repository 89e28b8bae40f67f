package mujun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import mujun.audit.AuditLog;
import mujun.auth.AuthService;
import mujun.auth.Principal;
import mujun.config.Config;
import mujun.db.Db;
import mujun.error.ApiError;
import mujun.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The province's own data from the command line, through the services the API uses (same checks, roles, scopes,
 * history and audit): {@code mujun cluster import}, {@code mujun enterprise import}, {@code mujun figures import}.
 */
final class DataCommands {
  private DataCommands() {}

  /** The services of one command run, acting as a user. */
  private record Context(Db db, AuditLog audit, Principal who, Config cfg) implements AutoCloseable {
    static Context of(String user) {
      Config cfg = Config.load(System.getenv());
      Db db = new Db(cfg);
      db.migrate();
      AuditLog audit = new AuditLog(db);
      Principal who = new AuthService(db, audit, 12).principalForCli(user).orElse(null);
      if (who == null) {
        db.close();
        throw new IllegalArgumentException("User " + user + " does not exist or is inactive.");
      }
      return new Context(db, audit, who, cfg);
    }

    mujun.importing.TableFile tables() {
      return new mujun.importing.TableFile(new mujun.importing.Gdal(300), cfg.varDir.resolve("quarantine"), cfg.maxUploadBytes);
    }

    void audit(String action, String target, Map<String, Object> details) {
      audit.record(new AuditLog.Entry(who.username(), action, target, "ok", null, "", "cli", details));
    }

    @Override
    public void close() {
      db.close();
    }
  }

  /** A table file's dry run (check) and, unless {@code commit} is none, its commit: with a progress bar, timings and the refused rows. */
  static int checkThenCommit(String task, Path file, String commit, String okStatus, Context x, String auditAction, String auditTarget,
                             java.util.function.Function<byte[], String> check, java.util.function.IntFunction<String> commitJob) throws java.io.IOException {
    JsonNode job, result = null;
    long t0, t1, t2;
    try (ProgressBar pb = mujun.console.Progress.bar(task, commit.equals("none") ? 2 : 3)) {
      pb.setExtraMessage("reading");
      byte[] bytes = Files.readAllBytes(file);
      pb.step();
      pb.setExtraMessage("checking");
      t0 = System.nanoTime();
      job = Json.tree(check.apply(bytes));
      t1 = System.nanoTime();
      pb.step();
      if (!commit.equals("none")) {
        pb.setExtraMessage("committing");
        result = Json.tree(commitJob.apply(job.path("id").asInt()));
        pb.step();
      }
      t2 = System.nanoTime();
    }
    System.out.println(task + " " + job.path("id").asInt() + " (" + file.getFileName() + "): " + job.path("counts") + " — check " + (t1 - t0) / 1_000_000
        + " ms" + (result == null ? "" : ", commit " + (t2 - t1) / 1_000_000 + " ms"));
    int shown = 0;
    for (JsonNode r : job.path("rows")) {
      if (r.path("status").asText().equals(okStatus) || r.path("errors").isEmpty() || shown++ >= 50) continue;
      StringBuilder why = new StringBuilder();
      for (JsonNode e : r.path("errors")) why.append(why.length() > 0 ? "; " : "").append(e.path("field").asText()).append(" ").append(e.path("message").asText());
      System.out.println("  line " + r.path("line").asInt() + ": " + why);
    }
    if (result != null) System.out.println("committed: " + result);
    x.audit(commit.equals("none") ? auditAction + "-check" : auditAction, auditTarget + job.path("id").asInt(), Map.of("file", file.getFileName().toString()));
    return 0;
  }

  static int refused(ApiError e) {
    System.err.println();
    System.err.println("refused (" + e.code + "): " + e.getMessage());
    for (Object d : e.details) System.err.println("  " + d);
    return 3;
  }

  @Command(name = "cluster", description = "Register clusters.", subcommands = {ClusterCommand.Import.class})
  static final class ClusterCommand {
    @Command(name = "import", description = "Create a cluster from a boundary file (SHP zip, GPKG, GeoJSON, DXF, KML, red-line TXT), "
        + "or give an existing one (same code) the file's boundary.")
    static final class Import implements Callable<Integer> {
      @Parameters(index = "0", description = "The boundary file") Path file;
      @Option(names = "--user", required = true, description = "Act as this user (resources or admin, reaching the cluster's city)") String user;
      @Option(names = "--code", required = true, description = "Cluster code, e.g. XZXG") String code;
      @Option(names = "--name", description = "Name (required for a new cluster)") String name;
      @Option(names = "--name-en", description = "English name") String nameEn;
      @Option(names = "--city", description = "行政区划代码 of its city or county (required for a new cluster)") String city;
      @Option(names = "--level", description = "national, provincial or other") String level;
      @Option(names = "--area-km2", description = "Approved area (核准面积), km²") java.math.BigDecimal area;
      @Option(names = "--industries", split = ",", description = "Leading industries, GB/T 4754 codes: C34,C36") List<String> industries;
      @Option(names = "--crs", description = "EPSG code when the file does not say or says wrong") Integer crs;
      @Option(names = "--encoding", description = "Shapefile encoding without .cpg (default GBK)") String encoding;
      @Option(names = "--outside-parcels", defaultValue = "refuse", description = "refuse (default) or flag the current parcels a new boundary leaves outside") String outside;
      @Option(names = "--reason", description = "Why (kept in the history)") String reason;

      @Override
      public Integer call() throws Exception {
        try (Context x = Context.of(user); ProgressBar pb = mujun.console.Progress.bar("cluster", 2)) {
          mujun.importing.Quarantine q = new mujun.importing.Quarantine(x.cfg().varDir.resolve("quarantine"), x.cfg().maxUploadBytes, 4L * x.cfg().maxUploadBytes, 1000, 100);
          mujun.importing.Gdal gdal = new mujun.importing.Gdal(900);
          mujun.geo.Region region = mujun.geo.Region.read(x.db().dataSource());
          mujun.importing.OutlineReader reader = new mujun.importing.OutlineReader(x.db(), new mujun.importing.ImportService(x.db(), x.cfg(), q, gdal, region), q, gdal, region);
          pb.setExtraMessage("reading the boundary");
          ObjectNode outline;
          try (var in = Files.newInputStream(file)) {
            outline = reader.read(x.who(), file.getFileName().toString(), in, crs, encoding);
          }
          pb.step();
          pb.setExtraMessage("saving");
          mujun.cluster.ClusterService svc = new mujun.cluster.ClusterService(x.db());
          ObjectNode body = Json.MAPPER.createObjectNode();
          body.set("boundary", outline.get("geometry"));
          if (name != null) body.put("name", name);
          if (nameEn != null) body.put("nameEn", nameEn);
          if (city != null) body.put("cityCode", city);
          if (level != null) body.put("level", level);
          if (area != null) body.put("plannedAreaKm2", area);
          if (industries != null) industries.forEach(body.withArray("leadingIndustries")::add);
          if (reason != null) body.put("reason", reason);
          Integer id = svc.idOf(code);
          String json;
          if (id == null) {
            body.put("code", code);
            json = svc.createCluster(x.who(), body);
          } else {
            body.put("outsideParcels", outside);
            int version = Json.tree(svc.cluster(id)).path("version").asInt();
            json = svc.updateCluster(x.who(), id, version, body);
          }
          pb.step();
          JsonNode k = Json.tree(json);
          x.audit(id == null ? "cluster.create" : "cluster.update", "cluster:" + k.path("id").asLong(), Map.of("file", file.getFileName().toString()));
          System.out.println("cluster " + k.path("code").asText() + " (id " + k.path("id").asLong() + ", version " + k.path("version").asInt() + "): "
              + k.path("boundaryAreaKm2").asText() + " km² from " + outline.path("features").asInt() + " feature(s), CRS EPSG:" + outline.path("srid").asInt()
              + " (" + outline.path("crsReason").asText() + ")");
          for (JsonNode o : k.path("outsideParcels")) System.out.println("  flagged outside: " + o.path("code").asText() + " (" + o.path("outsideM2").asText() + " m²)");
          return 0;
        } catch (ApiError e) {
          return refused(e);
        } catch (IllegalArgumentException e) {
          System.err.println(e.getMessage());
          return 2;
        }
      }
    }
  }

  @Command(name = "enterprise", description = "Register enterprises.", subcommands = {EnterpriseCommand.Import.class})
  static final class EnterpriseCommand {
    @Command(name = "import", description = "Import an enterprise roster (XLSX or CSV, UTF-8 or GBK): dry run, then commit.")
    static final class Import implements Callable<Integer> {
      @Parameters(index = "0", description = "The roster file") Path file;
      @Option(names = "--user", required = true, description = "Act as this user (admin, coordinator or park manager, in their clusters)") String user;
      @Option(names = "--commit", defaultValue = "none", description = "none (dry run only), all (refused if any row is rejected) or valid") String commit;

      @Override
      public Integer call() throws Exception {
        try (Context x = Context.of(user)) {
          mujun.enterprise.RosterImport roster = new mujun.enterprise.RosterImport(x.db(), x.tables());
          return checkThenCommit("roster", file, commit, "", x, "enterprise.import", "roster:",
              bytes -> roster.check(x.who(), file.getFileName().toString(), bytes), id -> roster.commit(x.who(), id, commit));
        } catch (ApiError e) {
          return refused(e);
        } catch (IllegalArgumentException e) {
          System.err.println(e.getMessage());
          return 2;
        }
      }
    }
  }

  @Command(name = "figures", description = "Import enterprises' yearly figures.", subcommands = {FiguresCommand.Import.class})
  static final class FiguresCommand {
    @Command(name = "import", description = "Import a department's figures file (XLSX or CSV): dry run, then commit; every figure keeps its source.")
    static final class Import implements Callable<Integer> {
      @Parameters(index = "0", description = "The file") Path file;
      @Option(names = "--user", required = true, description = "Act as this user (admin, coordinator or park manager)") String user;
      @Option(names = "--source", defaultValue = "summary", description = "The department: tax, stats, power, ecology, industry, emergency, resources or summary") String source;
      @Option(names = "--year", description = "The year, when the file has no 年度 column") Integer year;
      @Option(names = "--mapping", description = "JSON: the file's column → creditCode, year, name, ignore or a figure (tax_wan …); remembered") String mapping;
      @Option(names = "--commit", defaultValue = "none", description = "none (dry run only), all (refused if any row has an error) or valid") String commit;

      @Override
      public Integer call() throws Exception {
        try (Context x = Context.of(user)) {
          mujun.evaluation.IndicatorService svc = new mujun.evaluation.IndicatorService(x.db(), x.tables());
          Map<String, String> map = null;
          if (mapping != null) {
            map = new java.util.LinkedHashMap<>();
            for (var it = Json.tree(mapping).fields(); it.hasNext(); ) {
              var e = it.next();
              map.put(e.getKey(), e.getValue().asText());
            }
          }
          Map<String, String> mapped = map;
          return checkThenCommit("figures", file, commit, "ok", x, "indicators.import", "indicator-import:",
              bytes -> svc.check(x.who(), file.getFileName().toString(), bytes, year, source, mapped), id -> svc.commit(x.who(), id, commit.equals("all") ? "all" : "valid"));
        } catch (ApiError e) {
          return refused(e);
        } catch (IllegalArgumentException e) {
          System.err.println(e.getMessage());
          return 2;
        }
      }
    }
  }

  @Command(name = "backup", description = "Back up the whole database (pg_dump custom format: tables, history, evidence files) beside a manifest of "
      + "what it holds (row counts, history, migrations, published runs' hashes).")
  static final class BackupCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--out", required = true, description = "The dump file to write (its manifest is FILE.manifest.json).")
    java.nio.file.Path out;

    @Override
    public Integer call() throws Exception {
      mujun.config.Config cfg = mujun.config.Config.load(System.getenv());
      var m = mujun.admin.Backup.backup(mujun.admin.Backup.target(cfg.jdbcUrl, cfg.dbUser, cfg.dbPassword), out);
      long rows = 0;
      for (var it = m.get("rows").elements(); it.hasNext(); ) rows += it.next().asLong();
      System.out.println("backed up " + rows + " rows in " + m.get("rows").size() + " tables, " + m.get("publishedRuns").size() + " published runs, "
          + m.get("dumpBytes").asLong() / 1024 + " KiB → " + out + " (+ manifest)");
      return 0;
    }
  }

  @Command(name = "manifest", description = "Write what the database of DATABASE_URL holds (row counts, last history entry, migrations, files, "
      + "published runs' hashes) as JSON, or compare it with such a file (exit 3 with the differences): a restore's check.")
  static final class ManifestCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--out", description = "Write the manifest to this file.")
    java.nio.file.Path out;

    @picocli.CommandLine.Option(names = "--compare", description = "Compare the database with this manifest.")
    java.nio.file.Path compare;

    @Override
    public Integer call() throws Exception {
      mujun.config.Config cfg = mujun.config.Config.load(System.getenv());
      com.fasterxml.jackson.databind.node.ObjectNode m;
      try {
        m = mujun.admin.Backup.manifest(mujun.admin.Backup.target(cfg.jdbcUrl, cfg.dbUser, cfg.dbPassword));
      } catch (java.sql.SQLException e) {
        System.err.println("Cannot describe the database of DATABASE_URL (is it a Mujun database, migrated?): " + e.getMessage());
        return 2;
      }
      if (out != null) java.nio.file.Files.writeString(out, m.toPrettyString());
      if (compare == null) {
        if (out == null) System.out.println(m.toPrettyString());
        return 0;
      }
      java.util.List<String> d = mujun.admin.Backup.differences(mujun.http.Json.tree(java.nio.file.Files.readString(compare)), m);
      if (d.isEmpty()) {
        System.out.println("the database matches " + compare + ": every table's rows, the history, the migrations, the files and the published runs' hashes");
        return 0;
      }
      System.err.println("the database differs from " + compare + ":\n  " + String.join("\n  ", d));
      return 3;
    }
  }

  @Command(name = "restore", description = "Restore a backup into the empty database of DATABASE_URL and check it against the backup's manifest.")
  static final class RestoreCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--in", required = true, description = "The dump file written by mujun backup.")
    java.nio.file.Path in;

    @Override
    public Integer call() throws Exception {
      mujun.config.Config cfg = mujun.config.Config.load(System.getenv());
      try {
        java.util.List<String> d = mujun.admin.Backup.restore(mujun.admin.Backup.target(cfg.jdbcUrl, cfg.dbUser, cfg.dbPassword), in);
        if (d.isEmpty()) {
          System.out.println("restored " + in + ": every table's rows, the history, the migrations, the files and the published runs' hashes match the backup");
          return 0;
        }
        System.err.println("restored, but it differs from the backup:\n  " + String.join("\n  ", d));
        return 3;
      } catch (java.io.IOException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
  }
}
