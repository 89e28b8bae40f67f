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
    subcommands = {Main.Serve.class, Main.Migrate.class, Main.GenerateDemo.class, Main.User.class})
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
    @Option(names = "--users", description = "Also create the documented demo users.")
    boolean users;

    @Override
    public Integer call() {
      try (Db db = new Db(config())) {
        db.migrate();
        if (!DemoGenerator.isEmpty(db)) {
          System.err.println("The database already has clusters; generate into an empty database.");
          return 2;
        }
        new DemoGenerator(db, new DemoGenerator.Options(clusters, parcels, seed)).run(true);
        if (users) DemoGenerator.addDemoUsers(new AuthService(db, new mujun.audit.AuditLog(db), 12));
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
