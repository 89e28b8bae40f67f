package mujun;

import java.util.List;
import java.util.concurrent.Callable;
import mujun.auth.AuthService;
import mujun.config.Config;
import mujun.db.Db;
import mujun.demo.DemoGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line, {@code scripts/mujun}: serve, migrate, generate-demo, user add. */
@Command(name = "mujun", mixinStandardHelpOptions = true, version = "Mujun 0.1",
    description = "Mujun (亩均): land-use efficiency GIS for industrial clusters.",
    subcommands = {Main.Serve.class, Main.Migrate.class, Main.GenerateDemo.class, Main.User.class, Main.Import.class, Main.Evaluate.class, Main.Statement.class,
        DataCommands.ClusterCommand.class, DataCommands.EnterpriseCommand.class, DataCommands.FiguresCommand.class,
        DataCommands.BackupCommand.class, DataCommands.RestoreCommand.class, DataCommands.ManifestCommand.class})
public final class Main {
  public static void main(String[] args) {
    int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    if (code != 0) System.exit(code);
  }

  static Config config() {
    return Config.load(System.getenv());
  }

  @Command(name = "serve", description = "Migrate and serve the web app and API.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--demo-if-empty", description = "Load the default demo data when the database has no clusters.")
    boolean demoIfEmpty;

    @Override
    public Integer call() {
      Config cfg = config();
      App app = new App(cfg);
      if (demoIfEmpty && DemoGenerator.isEmpty(app.db)) {
        System.err.println("[mujun] the database is empty: loading the demo data");
        new DemoGenerator(app.db, DemoGenerator.Options.defaults()).run(true);
        DemoGenerator.addDemoUsers(app.auth);
      } else if (demoIfEmpty && DemoGenerator.needsTopUp(app.db)) {
        System.err.println("[mujun] an older demo database: adding its yearly figures, standard land, low-efficiency survey and evaluations");
        new DemoGenerator(app.db, DemoGenerator.Options.defaults()).addFiguresLandAndEvaluations(true);
      }
      app.start();
      String url = "http://" + cfg.bind + ":" + app.port();
      System.out.println();
      System.out.println("  Mujun (亩均) is running:");
      System.out.println("    public map   " + url + "/");
      System.out.println("    staff app    " + url + "/app");
      System.out.println("    API          " + url + "/api/openapi.json   health " + url + "/health");
      System.out.println();
      System.out.println("  Demo sign-ins (demo data only; password for all: " + DemoGenerator.DEMO_PASSWORD + "):");
      for (String[] u : DemoGenerator.DEMO_USERS) System.out.printf("    %-12s %s%n", u[0], u[2]);
      System.out.println();
      Runtime.getRuntime().addShutdownHook(new Thread(app::close));
      return 0;
    }
  }

  @Command(name = "sql", description = "Print a statement exactly as the server sends it (with ? for its parameters), "
      + "to measure it beside the server: tile-parcels, list-parcels, ogc-parcels-page, figures-apply, evaluation-snapshot, import-dry-run, import-recheck, import-insert.")
  static final class Statement implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", description = "The statement's name.")
    String name;

    @Override
    public Integer call() {
      String sql = switch (name) {
        case "tile-parcels" -> mujun.tiles.TileService.statement("parcels");
        case "list-parcels" -> mujun.parcel.ParcelRepository.listStatement();
        case "ogc-parcels-page" -> mujun.ogcapi.OgcController.firstPageStatement("parcels");
        case "figures-apply" -> mujun.evaluation.FigureStore.APPLY;
        case "evaluation-snapshot" -> mujun.evaluation.EvalRepository.snapshotStatement();
        // the import's dry run for job 0, one statement per line, its parameters as psql variables (:name)
        case "import-dry-run" -> String.join(";\n", mujun.importing.ImportSql.dryRun(0).stream().map(mujun.db.Named::text).toList());
        case "import-recheck" -> mujun.importing.ImportSql.COMMIT_RECHECK;
        case "import-insert" -> mujun.importing.ImportSql.INSERT_NEW;
        default -> null;
      };
      if (sql == null) {
        System.err.println("Unknown statement '" + name + "'; one of tile-parcels, list-parcels, ogc-parcels-page, figures-apply, evaluation-snapshot, import-dry-run, import-recheck, import-insert.");
        return 2;
      }
      System.out.println(sql);
      return 0;
    }
  }

  @Command(name = "migrate", description = "Apply the database migrations and exit.")
  static final class Migrate implements Callable<Integer> {
    @Override
    public Integer call() {
      try (Db db = new Db(config())) {
        db.migrate();
      }
      System.out.println("migrated");
      return 0;
    }
  }

  @Command(name = "generate-demo", description = "Generate deterministic demo clusters, parcels and enterprises.")
  static final class GenerateDemo implements Callable<Integer> {
    @Option(names = "--clusters", defaultValue = "4", description = "Number of clusters (default ${DEFAULT-VALUE}).")
    int clusters;
    @Option(names = "--parcels-per-cluster", defaultValue = "800", description = "Parcels per cluster (default ${DEFAULT-VALUE}).")
    int parcels;
    @Option(names = "--seed", defaultValue = "20200403", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--parcels-per-holder", defaultValue = "0",
        description = "Parcels an enterprise holds on average (default: most hold one, some two or three).")
    int perHolder;
    @Option(names = "--users", description = "Also create the documented demo users.")
    boolean users;
    @Option(names = "--resume", description = "Go on with a generation that stopped (same options): the clusters made are kept.")
    boolean resume;

    @Override
    public Integer call() {
      try (Db db = new Db(config())) {
        db.migrate();
        if (!DemoGenerator.isEmpty(db) && !(resume && DemoGenerator.unfinished(db))) {
          System.err.println(resume ? "The database holds a finished generation; generate into an empty database."
              : "The database already has clusters; generate into an empty database (or --resume a generation that stopped).");
          return 2;
        }
        new DemoGenerator(db, new DemoGenerator.Options(clusters, parcels, seed, perHolder)).run(true);
        if (users) DemoGenerator.addDemoUsers(new AuthService(db, new mujun.audit.AuditLog(db), 12));
      }
      return 0;
    }
  }

  @Command(name = "import", description = "Import a parcel file (Shapefile zip, GeoPackage, GeoJSON, DXF, KML, red-line TXT): dry run, then commit.")
  static final class Import implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", description = "The file") java.nio.file.Path file;
    @Option(names = "--user", required = true, description = "Act as this user (needs the resources or admin role)") String user;
    @Option(names = "--crs", description = "Source CRS, e.g. EPSG:4547, when the file does not say or says wrong") String crs;
    @Option(names = "--encoding", description = "Text encoding of a Shapefile without .cpg (default GBK)") String encoding;
    @Option(names = "--cluster", description = "Cluster code: all features belong to it") String cluster;
    @Option(names = "--land-use", description = "Default land use as scheme|code, e.g. 'GB/T 21010-2017|0601'") String landUse;
    @Option(names = "--area-unit", description = "Unit of the declared area field: m2, mu or ha") String areaUnit;
    @Option(names = "--commit", defaultValue = "none", description = "none (dry run only), all (refused if any feature is rejected) or accepted") String commit;
    @Option(names = "--report", description = "Write the per-feature report as CSV here") java.nio.file.Path report;
    @Option(names = "--report-lang", defaultValue = "zh", description = "The report's language: zh (default) or en") String reportLang;

    @Override
    public Integer call() throws Exception {
      Config cfg = config();
      try (Db db = new Db(cfg)) {
        db.migrate();
        mujun.audit.AuditLog audit = new mujun.audit.AuditLog(db);
        AuthService auth = new AuthService(db, audit, 12);
        mujun.auth.Principal who = auth.principalForCli(user).orElse(null);
        if (who == null || !who.canEditParcels()) {
          System.err.println("User " + user + " does not exist, is inactive, or may not edit parcels.");
          return 2;
        }
        mujun.importing.ImportService svc = new mujun.importing.ImportService(db, cfg, new mujun.importing.Quarantine(cfg.varDir.resolve("quarantine"),
            cfg.maxUploadBytes, 4L * cfg.maxUploadBytes, 1000, 100), new mujun.importing.Gdal(900), mujun.geo.Region.read(db.dataSource()));
        Integer clusterId = null;
        if (cluster != null) {
          clusterId = db.read(c -> {
            try (var ps = c.prepareStatement("SELECT id FROM cluster WHERE code = ?")) {
              ps.setString(1, cluster);
              try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
              }
            }
          });
          if (clusterId == null) {
            System.err.println("No cluster with code " + cluster + ".");
            return 2;
          }
        }
        String[] lu = landUse == null ? new String[] {null, null} : landUse.split("\\|", 2);
        Integer srid = crs == null ? null : Integer.valueOf(crs.replaceFirst("(?i)^EPSG:", ""));
        mujun.importing.ImportService.Options opt = new mujun.importing.ImportService.Options(srid, encoding, clusterId, null,
            lu[0], lu.length > 1 ? lu[1] : null, areaUnit);
        try (me.tongfei.progressbar.ProgressBar pb = mujun.console.Progress.bar("import", commit.equals("none") ? 2 : 3)) {
          pb.setExtraMessage("inspecting");
          com.fasterxml.jackson.databind.node.ObjectNode job;
          long t0 = System.nanoTime();
          try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            job = svc.inspect(who, file.getFileName().toString(), in, opt);
          }
          long id = job.path("id").asLong();
          pb.step();
          pb.setExtraMessage("dry run");
          long t1 = System.nanoTime();
          job = svc.check(who, id, opt);
          long t2 = System.nanoTime();
          pb.step();
          if (!commit.equals("none")) {
            pb.setExtraMessage("committing");
            job = svc.commit(who, id, commit);
            pb.step();
          }
          long t3 = System.nanoTime();
          pb.setExtraMessage(job.path("status").asText());
          pb.close();
          System.out.println("import " + id + " (" + file.getFileName() + "): " + job.path("status").asText() + " " + job.path("counts")
              + " — inspect " + (t1 - t0) / 1_000_000 + " ms, dry run " + (t2 - t1) / 1_000_000 + " ms"
              + (commit.equals("none") ? "" : ", commit " + (t3 - t2) / 1_000_000 + " ms"));
          for (com.fasterxml.jackson.databind.JsonNode w : job.path("warnings")) System.out.println("  warning: " + w.path("message").asText());
          for (Object[] row : mujun.importing.ImportReport.rows("en", svc.reportRows(who, id, true))) {
            System.out.println("  feature " + row[0] + " " + row[1] + ": " + (row[8] != null ? row[8] : row[9]));
          }
          if (report != null) {
            StringBuilder sb = new StringBuilder(String.join(",", mujun.importing.ImportReport.header(reportLang))).append("\n");
            for (Object[] row : mujun.importing.ImportReport.rows(reportLang, svc.reportRows(who, id))) {
              for (int i = 0; i < row.length; i++) sb.append(i > 0 ? "," : "").append(row[i] == null ? "" : "\"" + row[i].toString().replace("\"", "\"\"") + "\"");
              sb.append("\n");
            }
            java.nio.file.Files.writeString(report, sb.toString());
            System.out.println("report written to " + report);
          }
          audit.record(new mujun.audit.AuditLog.Entry(who.username(), commit.equals("none") ? "import.check" : "import.commit", "import:" + id, "ok", null, "", "cli",
              java.util.Map.of("file", file.getFileName().toString())));
        } catch (mujun.error.ApiError e) {
          System.err.println();
          System.err.println("refused (" + e.code + "): " + e.getMessage());
          for (Object d : e.details) System.err.println("  " + d);
          return 3;
        }
      }
      return 0;
    }
  }

  @Command(name = "evaluate", description = "Run an enterprise evaluation over every cluster (a draft, for measuring): prints its time and class counts.")
  static final class Evaluate implements Callable<Integer> {
    @Option(names = "--year", required = true) int year;
    @Option(names = "--method", defaultValue = "henan-2019") String method;
    @Option(names = "--repeat", defaultValue = "1", description = "Runs to make (each a draft, discarded after)") int repeat;

    @Override
    public Integer call() {
      try (Db db = new Db(config())) {
        db.migrate();
        mujun.evaluation.EvalRepository repo = new mujun.evaluation.EvalRepository(db);
        Integer[] all = repo.allClusters();
        mujun.auth.Principal cli = mujun.evaluation.EvalRepository.system("cli-evaluate", all);
        for (int i = 0; i < repeat; i++) {
          var r = repo.run(cli, new mujun.evaluation.EvalRepository.RunRequest(method, null, year, all, null, "measured by scripts/bench evaluate"));
          System.out.println("run " + r.get("id") + ": " + r.get("enterprises") + " enterprises in " + r.get("durationMs") + " ms (snapshot "
              + r.get("snapshotMs") + " ms, computation " + r.get("computeMs") + " ms)");
          repo.discard(cli, (Integer) r.get("id"));
        }
      }
      return 0;
    }
  }

  @Command(name = "user", description = "Manage users.", subcommands = {User.Add.class})
  static final class User {
    @Command(name = "add", description = "Add a user; the password is read from standard input (or prompted).")
    static final class Add implements Callable<Integer> {
      @Option(names = "--username", required = true) String username;
      @Option(names = "--name", required = true, description = "Display name") String name;
      @Option(names = "--role", required = true, split = ",",
          description = "Role grants: role[:province|:city:CODE|:cluster:CODE], e.g. admin or resources:city:410100")
      List<String> roles;

      @Override
      public Integer call() throws Exception {
        String pw;
        if (System.console() != null) {
          pw = new String(System.console().readPassword("Password for %s: ", username));
        } else {
          pw = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        }
        try (Db db = new Db(config())) {
          db.migrate();
          mujun.audit.AuditLog audit = new mujun.audit.AuditLog(db);
          long id = new AuthService(db, audit, 12).addUser(username, name, pw == null ? "" : pw, roles);
          audit.record(new mujun.audit.AuditLog.Entry(System.getProperty("user.name", "cli"), "user.create", "user:" + username, "ok", null, "", "cli",
              java.util.Map.of("grants", roles)));
          System.out.println("added user " + username + " (id " + id + ")");
        } catch (IllegalArgumentException e) {
          System.err.println(e.getMessage());
          return 2;
        }
        return 0;
      }
    }
  }
}
