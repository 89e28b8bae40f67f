package mujun.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import mujun.auth.AuthService;
import mujun.db.Db;
import mujun.enterprise.CreditCode;
import mujun.geo.GaussKruger;

/**
 * Generates a deterministic, realistic-looking demo province: clusters at real Henan city locations, a road grid,
 * non-overlapping parcels of 5–300 亩 with a long tail, enterprises with valid credit codes, and dates and prices that
 * follow the rules of domain.md. All data is synthetic. Geometry is laid out in metres in the cluster's own
 * Gauss-Krüger zone and transformed to EPSG:4490 by PostGIS, so every parcel passes the register's own checks.
 *
 * <p>Over 400 lines: one deterministic script (the same seed gives the same province), read top to bottom as the
 * order in which a province fills up; nothing else calls into its parts.
 */
public final class DemoGenerator {
  public static final String DEMO_PASSWORD = "mujun-demo-2026";
  /** username, display name, grants (what the README documents). */
  public static final String[][] DEMO_USERS = {
      {"admin", "系统管理员", "admin (province)"},
      {"ziyuan", "自然资源局 张工", "resources (province)"},
      {"zhengzhou", "郑州市自然资源局 李工", "resources (city 410100 郑州市)"},
      {"yuanqu", "新港集聚区管委会 王主任", "park (cluster XZXG)"},
      {"xietiao", "省集聚办 赵处长", "coordinator (province)"},
      {"guest", "只读用户", "viewer (province)"}};
  private static final String[][] DEMO_GRANTS = {
      {"admin"}, {"resources"}, {"resources:city:410100"}, {"park:cluster:XZXG"}, {"coordinator"}, {"viewer"}};

  /** Real cluster sites: code, name, English name, city code, lon, lat, planned km². */
  private static final Object[][] SITES = {
      {"XZXG", "新郑新港产业集聚区", "Xinzheng Xingang Industrial Cluster", "410184", 113.80, 34.43, 27.61},
      {"LYGX", "洛阳高新技术产业集聚区", "Luoyang High-tech Industrial Cluster", "410300", 112.36, 34.64, 22.5},
      {"DZCY", "邓州市产业集聚区", "Dengzhou Industrial Cluster", "411381", 112.10, 32.70, 19.31},
      {"YCCY", "永城市产业集聚区", "Yongcheng Industrial Cluster", "411481", 116.40, 33.95, 24.0},
      {"AYGX", "安阳高新技术产业集聚区", "Anyang High-tech Industrial Cluster", "410500", 114.30, 36.05, 20.0},
      {"XCJJ", "许昌经济技术产业集聚区", "Xuchang Economic-technological Cluster", "411000", 113.86, 34.00, 18.0},
      {"JZGX", "焦作高新技术产业集聚区", "Jiaozuo High-tech Industrial Cluster", "410800", 113.25, 35.20, 16.0},
      {"NYGX", "南阳高新技术产业集聚区", "Nanyang High-tech Industrial Cluster", "411300", 112.50, 33.00, 21.0},
      {"SQJK", "商丘经济开发区产业集聚区", "Shangqiu Economic Development Cluster", "411400", 115.62, 34.40, 17.0},
      {"XYGX", "信阳高新技术产业集聚区", "Xinyang High-tech Industrial Cluster", "411500", 114.08, 32.15, 15.0},
      {"ZKCY", "周口市产业集聚区", "Zhoukou Industrial Cluster", "411600", 114.70, 33.62, 18.0},
      {"ZMDY", "驻马店装备产业集聚区", "Zhumadian Equipment Industrial Cluster", "411700", 114.05, 33.00, 16.0},
      {"KFCY", "开封汴西产业集聚区", "Kaifeng Bianxi Industrial Cluster", "410200", 114.25, 34.78, 20.0},
      {"PDSG", "平顶山高新技术产业集聚区", "Pingdingshan High-tech Industrial Cluster", "410400", 113.25, 33.75, 14.0},
      {"XXGX", "新乡高新技术产业集聚区", "Xinxiang High-tech Industrial Cluster", "410700", 113.90, 35.30, 19.0},
      {"PYCY", "濮阳经济技术产业集聚区", "Puyang Economic-technological Cluster", "410900", 115.05, 35.72, 17.0}};

  private static final String[] WORDS = {"宏达", "华鑫", "中原", "豫丰", "鑫源", "恒通", "天瑞", "金星", "永安", "瑞祥",
      "博远", "嘉盛", "东方", "长城", "新峰", "汇丰", "明泰", "正大", "国安", "中联", "昌盛", "广源", "鼎立", "万邦"};
  /** GB/T 4754 industry code and a name fragment. */
  private static final String[][] INDUSTRIES = {
      {"C1310", "粮油食品"}, {"C1391", "淀粉制品"}, {"C1711", "棉纺织"}, {"C2614", "化工"}, {"C3311", "钢结构"},
      {"C3411", "锅炉设备"}, {"C3670", "汽车零部件"}, {"C3831", "电线电缆"}, {"C3971", "电子元件"}, {"C2710", "医药"},
      {"C3021", "建材"}, {"C2231", "纸业"}, {"C3130", "钢材"}, {"C3484", "机械"}, {"C2929", "塑料制品"}, {"C3562", "电子专用设备"}};

  /** What to generate; {@code parcelsPerHolder} above 1 makes holders of 1 to 2n-1 parcels (n on average), as a national roll-up with fewer enterprises. */
  public record Options(int clusters, int parcelsPerCluster, long seed, int parcelsPerHolder) {
    public Options {
      if (clusters < 1 || clusters > 999) throw new IllegalArgumentException("clusters must be 1..999");
      if (parcelsPerCluster < 1 || parcelsPerCluster > 8000) throw new IllegalArgumentException("parcels per cluster must be 1..8000");
      if (parcelsPerHolder < 0 || parcelsPerHolder > 1000) throw new IllegalArgumentException("parcels per holder must be 0..1000");
    }

    /** Holders as a province has them: most hold one parcel, some two or three. */
    public Options(int clusters, int parcelsPerCluster, long seed) {
      this(clusters, parcelsPerCluster, seed, 0);
    }

    public static Options defaults() {
      return new Options(4, 800, 20200403L);
    }
  }

  private final Db db;
  private final Options opt;

  public DemoGenerator(Db db, Options opt) {
    this.db = db;
    this.opt = opt;
  }

  public static boolean isEmpty(Db db) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM cluster)"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    });
  }

  public static void addDemoUsers(AuthService auth) {
    for (int i = 0; i < DEMO_USERS.length; i++) {
      if (auth.principalForCli(DEMO_USERS[i][0]).isPresent()) continue;
      auth.addUser(DEMO_USERS[i][0], DEMO_USERS[i][1], DEMO_PASSWORD, List.of(DEMO_GRANTS[i]));
    }
  }

  /** A rectangle in plane metres. */
  record Rect(double x0, double y0, double x1, double y1) {
    double area() {
      return (x1 - x0) * (y1 - y0);
    }

    String wkt() {
      return String.format(Locale.ROOT, "POLYGON((%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f))",
          x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
    }
  }

  /** Generates everything; returns the number of parcels. */
  public long run(boolean progress) {
    long total = (long) opt.clusters() * opt.parcelsPerCluster();
    ProgressBar pb = bar(progress, "demo parcels", total);
    long made;
    try {
      made = clusters(opt.clusters(), pb);
    } finally {
      if (pb != null) pb.close();
    }
    addFiguresLandAndEvaluations(progress);
    return made;
  }

  /**
   * Makes the first {@code upTo} clusters with their parcels and holders, each in a transaction of its own: a
   * generation that stopped (a national roll-up takes over an hour) goes on from the first cluster it had not made, with
   * the rows an unbroken one writes. Returns the parcels made.
   */
  long clusters(int upTo, ProgressBar pb) {
    List<double[]> places = placeSites(opt.clusters(), cols() * (BW + ROAD) + ROAD, rows() * (BH + ROAD) + ROAD);
    java.util.Set<String> done = new java.util.HashSet<>(db.read(c -> mujun.db.Sql.rows(c, "SELECT code FROM cluster")).stream().map(r -> (String) r[0]).toList());
    long made = 0;
    for (int k = 0; k < upTo; k++) {
      if (done.contains(clusterCode(k, places.get(k)))) {
        if (pb != null) pb.stepBy(opt.parcelsPerCluster());
        continue;
      }
      made += cluster(k, places.get(k), pb);
    }
    return made;
  }

  private boolean none(String sql) {
    return db.read(c -> mujun.db.Sql.rows(c, "SELECT NOT EXISTS (" + sql + ")").get(0)[0].equals(Boolean.TRUE));
  }

  /** True when the database holds clusters but not all of a generation's parts (it stopped on the way): it can go on. */
  public static boolean unfinished(Db db) {
    return db.read(c -> (Boolean) mujun.db.Sql.rows(c, "SELECT EXISTS (SELECT 1 FROM cluster) AND NOT EXISTS (SELECT 1 FROM evaluation_run "
        + "WHERE created_by = 'demo-generator' AND year = 2024 AND status = 'published')").get(0)[0]);
  }

  /** Cluster k's code: the real site's, or C001… for the lattice's. */
  private static String clusterCode(int k, double[] place) {
    Object[] site = SITES[(int) place[2]];
    boolean real = k < SITES.length && place[0] == (double) site[4] && place[1] == (double) site[5];
    return real ? (String) site[0] : String.format("C%03d", k + 1);
  }

  /**
   * True for a demo database made before the demo had figures, standard land, the low-efficiency survey and
   * evaluations (its parcels were written by the generator, and no enterprise has figures): those parts can be added.
   */
  public static boolean needsTopUp(Db db) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM parcel WHERE changed_by = 'demo-generator') "
          + "AND NOT EXISTS (SELECT 1 FROM enterprise_indicator) AND NOT EXISTS (SELECT 1 FROM standard_land)"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    });
  }

  /**
   * The demo's yearly figures, standard-land offerings, low-efficiency survey and published evaluations; {@code progress}:
   * with a bar for each long part (a province's figures and survey take minutes).
   */
  public void addFiguresLandAndEvaluations(boolean progress) {
    // Each part is a transaction of its own and is made only if it is not there yet (a generation going on after a stop).
    if (none("SELECT 1 FROM enterprise_indicator")) db.inTransaction(Db.Change.by("demo-generator", "demo indicators"), c -> {
      // A province-sized demo writes hundreds of thousands of rows here (each through its history trigger).
      try (PreparedStatement t = c.prepareStatement("SET LOCAL statement_timeout = '15min'")) {
        t.execute();
      }
      try (PreparedStatement ps = c.prepareStatement(INDICATORS)) {
        ps.execute();
      }
      // Each department's figures arrive with their source (统计, 税务, 电力 …) through the importer's store, as one
      // province-wide load: every source written, then each enterprise-year's indicators computed once, a range of
      // enterprises at a time (a national roll-up has a million enterprise-years).
      java.util.Map<String, List<String>> sources = new java.util.LinkedHashMap<>();
      for (String[] dept : DEPARTMENTS) sources.put(dept[0], java.util.Arrays.asList(dept).subList(1, dept.length));
      long[] range = new long[2];
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(min(enterprise_id), 0), COALESCE(max(enterprise_id), -1) FROM demo_figures");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        range[0] = rs.getLong(1);
        range[1] = rs.getLong(2);
      }
      try (ProgressBar pb = bar(progress, "demo figures", range[1] - range[0] + 1)) {
        for (long from = range[0]; from <= range[1]; from += FIGURE_RANGE) {
          mujun.evaluation.FigureStore.writeTables(c, "demo-generator", "demo_figures", sources, new long[] {from, from + FIGURE_RANGE - 1});
          if (pb != null) pb.stepTo(Math.min(range[1], from + FIGURE_RANGE - 1) - range[0] + 1);
        }
      }
      return null;
    });
    if (none("SELECT 1 FROM standard_land")) db.inTransaction(Db.Change.by("demo-generator", "demo standard land"), c -> {
      standardLand(c);
      return null;
    });
    // The rules run cluster by cluster (as a park manager runs them), each cluster's proposals, tags and plans one
    // transaction (a national survey in one would hold an area lock per tag, past the lock table's size); a cluster
    // that has proposals is done (a generation going on after a stop).
    List<Integer> surveyed = db.read(DemoGenerator::clusterIds);
    try (ProgressBar pb = bar(progress, "demo survey", surveyed.size())) {
      for (int clusterId : surveyed) {
        if (none("SELECT 1 FROM low_eff_proposal WHERE cluster_id = " + clusterId)) survey(clusterId);
        if (pb != null) pb.step();
      }
    }
    // Published Henan evaluations of 2022–2024 (the coordinator runs 2025), so classes have a history and policies escalate.
    mujun.evaluation.EvalRepository eval = new mujun.evaluation.EvalRepository(db);
    Integer[] all = eval.allClusters();
    mujun.auth.Principal gen = mujun.evaluation.EvalRepository.system("demo-generator", all);
    for (int year = 2022; year <= 2024; year++) {
      if (!none("SELECT 1 FROM evaluation_run WHERE created_by = 'demo-generator' AND status = 'published' AND year = " + year)) continue;
      var run = eval.run(gen, new mujun.evaluation.EvalRepository.RunRequest("henan-2019", null, year, all, null, "演示数据"));
      eval.publish(gen, (Integer) run.get("id"));
    }
    db.inTransaction(Db.Change.by("demo-generator", "statistics"), c -> {
      try (PreparedStatement ps = c.prepareStatement("ANALYZE parcel; ANALYZE parcel_history; ANALYZE enterprise; ANALYZE enterprise_indicator; ANALYZE standard_land")) {
        ps.execute();
      }
      return null;
    });
  }

  /**
   * The low-efficiency survey of the demo: the rules run over every cluster as of the day the demo is made; about a
   * third of the proposals are accepted as tags (surveyed over the preceding eight months); half of the tags get a disposal plan (one in
   * five of them done, with the area revived; some overdue).
   */
  private static final String LOW_EFF_PROPOSE = "INSERT INTO low_eff_proposal (parcel_id, cluster_id, kind, rule, reason, details, as_of, created_by) "
      + "SELECT c.parcel_id, c.cluster_id, c.kind, c.rule, c.reason, c.details, current_date, 'demo-generator' "
      + "FROM low_eff_candidates(ARRAY[?]::int[], current_date) c "
      + "WHERE NOT EXISTS (SELECT 1 FROM low_eff_proposal x WHERE x.parcel_id = c.parcel_id AND x.rule = c.rule)";

  /** The low-efficiency survey of one cluster in one transaction: the rules' proposals, then tags and plans (LOW_EFF). */
  private void survey(int clusterId) {
    db.inTransaction(new Db.Change("demo-generator", "demo low-efficiency survey", "propose"), c -> {
      try (PreparedStatement t = c.prepareStatement("SET LOCAL statement_timeout = '15min'")) {
        t.execute();
      }
      try (PreparedStatement ps = c.prepareStatement(LOW_EFF_PROPOSE)) {
        ps.setInt(1, clusterId);
        ps.execute();
      }
      for (String sql : LOW_EFF) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setInt(1, clusterId);
          ps.execute();
        }
      }
      return null;
    });
  }

  /** A progress bar when {@code progress} (Progress.bar: plain lines when the output is not a terminal), else null. */
  private static ProgressBar bar(boolean progress, String task, long max) {
    return progress ? mujun.console.Progress.bar(task, max) : null;
  }

  /** Enterprises whose indicators are computed in one statement. */
  private static final int FIGURE_RANGE = 20_000;

  private static List<Integer> clusterIds(java.sql.Connection c) throws java.sql.SQLException {
    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cluster ORDER BY id"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) ids.add(rs.getInt(1));
    }
    return ids;
  }

  /** The survey's tags and plans of one cluster (each statement's one parameter). */
  private static final String[] LOW_EFF = {
      "WITH pick AS (SELECT DISTINCT ON (x.parcel_id) x.* FROM low_eff_proposal x WHERE x.cluster_id = ? AND x.status = 'open' AND x.id % 3 = 0 "
          + "ORDER BY x.parcel_id, x.id), "
          + "t AS (INSERT INTO low_eff_tag (cluster_id, parcel_id, kind, geom, whole_parcel, gk_srid, area_m2, area_mu, survey_date, criteria, notes, changed_by) "
          + "  SELECT 0, pick.parcel_id, pick.kind, NULL, true, 0, 0, 0, pick.as_of - (pick.id % 240)::int, ARRAY[pick.rule], pick.reason, '' FROM pick RETURNING id, parcel_id, kind) "
          + "UPDATE low_eff_proposal x SET status = 'accepted', decided_at = now(), decided_by = 'demo-generator', tag_id = t.id "
          + "FROM t WHERE x.parcel_id = t.parcel_id AND x.kind = t.kind AND x.status = 'open'",
      "INSERT INTO disposal_plan (tag_id, method, responsible_unit, deadline, notes) "
          + "SELECT t.id, (ARRAY['negotiated_recovery','merger','grafting','redevelopment','transfer','recovery'])[1 + t.id % 6], "
          + "'集聚区管委会土地开发办', t.survey_date + (30 * (t.id % 14) + 30)::int, '' FROM low_eff_tag t WHERE t.cluster_id = ? AND t.id % 2 = 0",
      "UPDATE disposal_plan d SET status = 'done', completed_on = LEAST(current_date, t.survey_date + 20), revived_mu = round((t.area_mu * 0.9)::numeric, 2), "
          + "new_tax_wan = round((t.area_mu * 3)::numeric, 2) FROM low_eff_tag t WHERE t.id = d.tag_id AND t.cluster_id = ? AND d.id % 5 = 0",
      "UPDATE disposal_plan d SET status = 'in_progress' FROM low_eff_tag t WHERE t.id = d.tag_id AND t.cluster_id = ? "
          + "AND d.status = 'planned' AND d.id % 2 = 1",
      "INSERT INTO disposal_step (plan_id, title, due_date) SELECT d.id, s.title, LEAST(d.deadline, t.survey_date + s.days) FROM disposal_plan d "
          + "JOIN low_eff_tag t ON t.id = d.tag_id CROSS JOIN (VALUES ('约谈企业', 15), ('制定处置协议', 45), ('签订协议并组织实施', 90)) s(title, days) "
          + "WHERE t.cluster_id = ? AND d.status <> 'cancelled'"};

  /** A deterministic uniform number in [0, 1) from a text key (md5), so the demo is the same on every machine. */
  private static String u(String key) {
    return "(('x' || substr(md5(" + key + "), 1, 8))::bit(32)::bigint / 4294967296.0)";
  }

  /**
   * Five years (2021–2025) of plausible figures for every enterprise, set-based: tax per 亩 log-normal around the
   * province's 9.76 万元/亩, revenue, output, value added, profit, energy falling about 3 % a year, employees, R&D,
   * cumulative investment; about 3 % of enterprise-years missing, and rare accidents.
   */
  private static final String[][] DEPARTMENTS = {
      {"tax", "tax_wan"},
      {"stats", "revenue_wan", "value_added_wan", "output_wan", "profit_wan", "energy_tce", "employees", "rd_wan"},
      {"power", "electricity_wan_kwh"},
      {"ecology", "emissions_t", "env_accident"},
      {"industry", "investment_wan", "high_tech", "listed"},
      {"emergency", "safety_accident"}};

  private static final String INDICATORS = "CREATE TEMP TABLE demo_figures (enterprise_id, year, tax_wan, revenue_wan, value_added_wan, output_wan, "
      + "profit_wan, energy_tce, electricity_wan_kwh, emissions_t, employees, rd_wan, investment_wan, safety_accident, env_accident, high_tech, listed) "
      + "ON COMMIT DROP AS WITH f AS MATERIALIZED (SELECT e.id, greatest(1, COALESCE(h.mu, 0)) AS mu, "
      + "exp(ln(8) + 0.9 * (" + u("e.id || 'a'") + " + " + u("e.id || 'b'") + " + " + u("e.id || 'c'") + " - 1.5) * 2) AS tpm, "
      + u("e.id || 'g'") + " AS g, 12 + 18 * " + u("e.id || 'r'") + " AS r, " + u("e.id || 'v'") + " AS v, " + u("e.id || 'o'") + " AS o, "
      + u("e.id || 'en'") + " AS en, " + u("e.id || 'el'") + " AS el, " + u("e.id || 'em'") + " AS em, " + u("e.id || 'l'") + " AS l, "
      + u("e.id || 'rd'") + " AS rd, " + u("e.id || 'i'") + " AS i, " + u("e.id || 'h'") + " AS h, " + u("e.id || 'k'") + " AS k "
      + "FROM enterprise e LEFT JOIN (SELECT q.holder_id, sum(q.area_mu) AS mu FROM parcel q WHERE q.status = 'current' AND q.holder_id IS NOT NULL "
      + "GROUP BY q.holder_id) h ON h.holder_id = e.id) "
      + "SELECT f.id, y, round((mu * tpm * power(1.05 + 0.06 * (g - 0.5), y - 2021))::numeric, 2), "
      + "round((mu * tpm * power(1.05, y - 2021) * r)::numeric, 2), "
      + "round((mu * tpm * power(1.05, y - 2021) * r * (0.2 + 0.15 * v))::numeric, 2), "
      + "round((mu * tpm * power(1.05, y - 2021) * r * (0.95 + 0.15 * o))::numeric, 2), "
      + "round((mu * tpm * power(1.05, y - 2021) * r * (-0.04 + 0.16 * " + u("f.id || '-' || y || 'p'") + "))::numeric, 2), "
      + "round((mu * tpm * r * (0.02 + 0.4 * en ^ 2) * power(0.97, y - 2021))::numeric, 2), "
      + "round((mu * tpm * r * (0.02 + 0.4 * en ^ 2) * power(0.97, y - 2021) * (0.5 + el))::numeric, 2), "
      + "round((mu * tpm * (0.005 + 0.05 * em))::numeric, 3), "
      + "greatest(8, (mu * tpm * r / (40 + 120 * l))::int), "
      + "round((mu * tpm * r * 0.05 * rd ^ 2)::numeric, 2), "
      + "round((mu * (150 + 300 * i) * least(1, 0.7 + 0.1 * (y - 2021)))::numeric, 2), "
      + u("f.id || '-' || y || 's'") + " < 0.01, " + u("f.id || '-' || y || 'x'") + " < 0.01, h < 0.15, k < 0.03 "
      + "FROM f, generate_series(2021, 2025) y WHERE " + u("f.id || '-' || y || 'm'") + " >= 0.03";

  /**
   * Standard-land offerings on land nobody holds, in each of the first clusters: planned, announced (several), and one
   * each transferred, under construction and accepted, with dated steps; transfers update the register as the product does.
   */
  private void standardLand(java.sql.Connection c) throws java.sql.SQLException {
    String[] statuses = {"announced", "announced", "announced", "planned", "transferred", "construction", "accepted", "announced"};
    try (PreparedStatement cl = c.prepareStatement("SELECT id, code FROM cluster ORDER BY id LIMIT 16"); ResultSet crs = cl.executeQuery()) {
      List<int[]> clusters = new ArrayList<>();
      while (crs.next()) clusters.add(new int[] {crs.getInt(1)});
      for (int[] k : clusters) {
        List<long[]> free = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id FROM parcel p JOIN land_use_code lu ON lu.scheme = p.land_use_scheme AND lu.code = p.land_use_code "
            + "WHERE p.cluster_id = ? AND p.status = 'current' AND p.holder_id IS NULL AND lu.industrial AND p.area_mu BETWEEN 15 AND 200 ORDER BY p.id LIMIT ?")) {
          ps.setInt(1, k[0]);
          ps.setInt(2, statuses.length);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) free.add(new long[] {rs.getLong(1)});
          }
        }
        long ent;
        try (PreparedStatement ps = c.prepareStatement("SELECT min(id) FROM enterprise WHERE cluster_id = ?")) {
          ps.setInt(1, k[0]);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            ent = rs.getLong(1);
          }
        }
        for (int i = 0; i < free.size(); i++) offering(c, k[0], free.get(i)[0], i, statuses[i], ent);
      }
    }
  }

  private static final String[][] OFFER_INDUSTRIES = {{"C39", "C40"}, {"C34", "C35"}, {"C38"}, {"C27"}, {"C13", "C14"}, {"C36", "C37"}, {"C33"}, {"C29", "C30"}};

  private void offering(java.sql.Connection c, int clusterId, long parcelId, int i, String status, long enterprise) throws java.sql.SQLException {
    Random rnd = new Random(opt.seed() * 7919L + parcelId);
    String[] ind = OFFER_INDUSTRIES[(int) (parcelId % OFFER_INDUSTRIES.length)];
    double farMin = ind[0].equals("C39") || ind[0].equals("C13") ? 1.2 : 1.0;
    int invest = 250 + 50 * rnd.nextInt(5), tax = 15 + 5 * rnd.nextInt(4), output = 300 + 100 * rnd.nextInt(4);
    long id;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO standard_land (plot_no, name, location, cluster_id, geom, parcel_ids, gk_srid, area_m2, area_mu, "
        + "land_use_scheme, land_use_code, term_years, reserve_price_wan, deposit_wan, far_min, far_max, building_coefficient_min_pct, building_density_max_pct, "
        + "height_max_m, green_ratio_max_pct, office_living_max_pct, industries, indicators, env_standard, assessments, internal_notes, changed_by) "
        + "SELECT ?, ?, ?, p.cluster_id, p.geom, ARRAY[p.id], 0, 0, 0, p.land_use_scheme, p.land_use_code, 50, "
        + "round((p.area_mu * ?)::numeric, 0), round((p.area_mu * ? * 0.2)::numeric, 0), ?, ?, 40, 60, 24, 15, 7, ?, ?::jsonb, ?, "
        + "ARRAY['energy','environment','flood','soil_water','water_resources','mineral','geohazard'], '内部备注：意向企业洽谈中', '' "
        + "FROM parcel p WHERE p.id = ? RETURNING id")) {
      double pricePerMu = 18 + rnd.nextInt(10);
      ps.setString(1, String.format("BZD-2026-%05d", parcelId));
      ps.setString(2, ind[0].equals("C39") ? "电子信息产业标准地" : ind[0].equals("C34") ? "装备制造标准地" : ind[0].equals("C27") ? "生物医药标准地" : "工业标准地");
      ps.setString(3, "第" + (i + 1) + "号地块，" + (rnd.nextBoolean() ? "纬" : "经") + (rnd.nextInt(9) + 1) + "路以" + (rnd.nextBoolean() ? "东" : "西"));
      ps.setDouble(4, pricePerMu);
      ps.setDouble(5, pricePerMu);
      ps.setBigDecimal(6, BigDecimal.valueOf(farMin));
      ps.setBigDecimal(7, BigDecimal.valueOf(farMin + 1.5));
      ps.setArray(8, c.createArrayOf("text", ind));
      ps.setString(9, "{\"investment_intensity\": " + invest + ", \"tax_per_mu\": " + tax + ", \"output_per_mu\": " + output + ", \"energy_per_output\": 0.08}");
      ps.setString(10, "执行《污水综合排放标准》GB 8978 一级标准，环评审批前置");
      ps.setLong(11, parcelId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    LocalDate planned = LocalDate.of(2022, 3, 1).plusDays(i * 30L);
    step(c, id, "planned", planned);
    if (status.equals("planned")) return;
    // Open offerings are announced in the weeks before the demo is generated, so the public map has live listings.
    LocalDate announced = status.equals("announced") ? LocalDate.now().minusDays(3L + 5L * i) : planned.plusDays(60);
    update(c, "UPDATE standard_land SET status = 'announced', announced_on = ?, listing_ends_on = ?::date + 30 WHERE id = ?", announced, id);
    step(c, id, "announced", announced);
    if (status.equals("announced")) return;
    LocalDate contract = announced.plusDays(25);
    try (PreparedStatement ps = c.prepareStatement("UPDATE standard_land SET status = 'transferred', enterprise_id = ?, contract_date = ?, "
        + "transaction_price_wan = reserve_price_wan * 1.08, commitments = indicators, agreed_start_date = ?, agreed_completion_date = ?, "
        + "remedies = '未达约定亩均税收的，按差额的 20% 支付违约金；投资强度不足的，按比例收回土地' WHERE id = ?")) {
      ps.setLong(1, enterprise);
      ps.setDate(2, Date.valueOf(contract));
      ps.setDate(3, Date.valueOf(contract.plusDays(90)));
      ps.setDate(4, Date.valueOf(contract.plusDays(90 + 540)));
      ps.setLong(5, id);
      ps.executeUpdate();
    }
    step(c, id, "transferred", contract);
    try (PreparedStatement ps = c.prepareStatement("UPDATE parcel p SET holder_id = s.enterprise_id, right_type = 'transfer', supply_date = s.contract_date, "
        + "transfer_price_wan = s.transaction_price_wan, agreed_start_date = s.agreed_start_date, agreed_completion_date = s.agreed_completion_date "
        + "FROM standard_land s WHERE s.id = ? AND p.id = ANY(s.parcel_ids)")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
    if (status.equals("transferred")) return;
    LocalDate started = contract.plusDays(80);
    update(c, "UPDATE standard_land SET status = 'construction', construction_started_on = ? WHERE id = ? AND ?::date IS NOT NULL", started, id);
    step(c, id, "construction", started);
    if (status.equals("construction")) return;
    LocalDate checked = started.plusDays(600);
    update(c, "UPDATE standard_land SET status = 'accepted', checked_on = ? WHERE id = ? AND ?::date IS NOT NULL", checked, id);
    step(c, id, "accepted", checked);
  }

  private static void update(java.sql.Connection c, String sql, LocalDate d, long id) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setDate(1, Date.valueOf(d));
      if (sql.contains("?::date + 30")) {
        ps.setDate(2, Date.valueOf(d));
        ps.setLong(3, id);
      } else {
        ps.setLong(2, id);
        ps.setDate(3, Date.valueOf(d));
      }
      ps.executeUpdate();
    }
  }

  private static void step(java.sql.Connection c, long id, String status, LocalDate d) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO standard_land_step (offering_id, status, on_date, recorded_by) VALUES (?, ?, ?, '')")) {
      ps.setLong(1, id);
      ps.setString(2, status);
      ps.setDate(3, Date.valueOf(d));
      ps.executeUpdate();
    }
  }

  /** Block layout: 600 m × 400 m blocks separated by 40 m roads, in a near-square grid big enough for the parcels. */
  private static final double BW = 600, BH = 400, ROAD = 40, MARGIN = 150;

  private int cols() {
    int blocks = (int) Math.ceil(opt.parcelsPerCluster() / 9.0) + 1;
    return (int) Math.ceil(Math.sqrt(blocks * BH / BW));
  }

  private int rows() {
    int blocks = (int) Math.ceil(opt.parcelsPerCluster() / 9.0) + 1;
    return (int) Math.ceil((double) blocks / cols());
  }

  /**
   * Places the clusters: the real sites first, then a lattice over Henan, keeping every pair of clusters apart by
   * more than their extent so that no two overlap. Returns lon, lat and the index of the real site whose city it takes.
   */
  static List<double[]> placeSites(int n, double widthM, double heightM) {
    double wDeg = (widthM + 2 * MARGIN + 400) / 92_000.0, hDeg = (heightM + 2 * MARGIN + 400) / 110_900.0;
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < SITES.length && out.size() < n; i++) {
      double lon = (double) SITES[i][4], lat = (double) SITES[i][5];
      if (free(out, lon, lat, wDeg, hDeg)) out.add(new double[] {lon, lat, i});
    }
    for (double lat = 31.7 + hDeg / 2; lat < 36.3 - hDeg / 2 && out.size() < n; lat += hDeg * 1.1) {
      for (double lon = 110.7 + wDeg / 2; lon < 116.5 - wDeg / 2 && out.size() < n; lon += wDeg * 1.1) {
        if (free(out, lon, lat, wDeg, hDeg)) out.add(new double[] {lon, lat, nearestSite(lon, lat)});
      }
    }
    if (out.size() < n) {
      throw new IllegalArgumentException("Henan holds only " + out.size() + " clusters of " + Math.round(widthM / 1000) + " km × "
          + Math.round(heightM / 1000) + " km: ask for fewer clusters or fewer parcels per cluster.");
    }
    return out;
  }

  private static boolean free(List<double[]> placed, double lon, double lat, double wDeg, double hDeg) {
    for (double[] p : placed) {
      if (Math.abs(p[0] - lon) < wDeg * 1.05 && Math.abs(p[1] - lat) < hDeg * 1.05) return false;
    }
    return true;
  }

  private static int nearestSite(double lon, double lat) {
    int best = 0;
    double bd = Double.MAX_VALUE;
    for (int i = 0; i < SITES.length; i++) {
      double d = Math.pow((double) SITES[i][4] - lon, 2) + Math.pow((double) SITES[i][5] - lat, 2);
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    return best;
  }

  private long cluster(int k, double[] place, ProgressBar pb) {
    Random rnd = new Random(opt.seed() * 1_000_003L + k);
    Object[] site = SITES[(int) place[2]];
    boolean real = k < SITES.length && place[0] == (double) site[4] && place[1] == (double) site[5];
    double lon = place[0], lat = place[1];
    String code = clusterCode(k, place);
    String city = (String) site[3];
    String name = real ? (String) site[1] : cityShortName(city) + "第" + (k + 1) + "产业集聚区";
    String nameEn = real ? (String) site[2] : "Industrial Cluster " + (k + 1) + " (" + ((String) site[2]).split(" ")[0] + ")";
    int zone = GaussKruger.zone(lon);
    int srid = GaussKruger.srid(zone);
    double[] c0 = GaussKruger.toPlane(zone, lon, lat);

    double bw = BW, bh = BH, road = ROAD;
    int cols = cols(), rows = rows();
    double width = cols * (bw + road) + road, height = rows * (bh + road) + road;
    double ox = c0[0] - width / 2, oy = c0[1] - height / 2;
    double m = MARGIN;
    String boundary = String.format(Locale.ROOT, "POLYGON((%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f))",
        ox - m, oy - m, ox + width * 0.55, oy - m - 120, ox + width + m, oy - m, ox + width + m, oy + height + m,
        ox + width * 0.4, oy + height + m + 150, ox - m, oy + height + m, ox - m, oy - m);

    return db.inTransaction(Db.Change.by("demo-generator", "demo data"), c -> {
      String outline;
      try (PreparedStatement ps = c.prepareStatement("SELECT ST_AsGeoJSON(ST_Transform(ST_GeomFromText(?, ?), 4490), 9)")) {
        ps.setString(1, boundary);
        ps.setInt(2, srid);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          outline = rs.getString(1);
        }
      }
      com.fasterxml.jackson.databind.node.ObjectNode body = mujun.http.Json.MAPPER.createObjectNode();
      body.put("code", code).put("name", name).put("nameEn", nameEn).put("cityCode", city).put("level", k % 5 == 1 ? "national" : "provincial")
          .put("plannedAreaKm2", BigDecimal.valueOf((width + 2 * m) * (height + 2 * m) / 1e6).setScale(2, RoundingMode.HALF_UP));
      body.putArray("leadingIndustries").add(INDUSTRIES[k % INDUSTRIES.length][0].substring(0, 3)).add(INDUSTRIES[(k + 5) % INDUSTRIES.length][0].substring(0, 3));
      body.put("chemicalLed", INDUSTRIES[k % INDUSTRIES.length][0].startsWith("C26"));
      body.set("boundary", mujun.http.Json.tree(outline));
      int clusterId = mujun.cluster.ClusterService.register(c, body);
      // Parcels, block by block.
      List<Rect> parcels = new ArrayList<>();
      List<int[]> blockOf = new ArrayList<>();
      outer:
      for (int r = 0; r < rows; r++) {
        for (int col = 0; col < cols; col++) {
          double x = ox + road + col * (bw + road), y = oy + road + r * (bh + road);
          List<Rect> pieces = new ArrayList<>();
          subdivide(new Rect(x, y, x + bw, y + bh), rnd, pieces);
          for (Rect p : pieces) {
            parcels.add(p);
            blockOf.add(new int[] {r, col});
            if (parcels.size() >= opt.parcelsPerCluster()) break outer;
          }
        }
      }
      // Rows are made here in order (the same seed gives the same province) and written set-based, a chunk at a time:
      // the chunk's new holders in one INSERT, then its parcels in one INSERT … SELECT FROM unnest (through the
      // register's triggers, as an import's commit), holders found by credit code.
      Chunk chunk = new Chunk();
      String holder = null;
      int holderLeft = 0;
      int[] seqInBlock = new int[rows * cols];
      LocalDate today = LocalDate.of(2026, 6, 30);
      for (int i = 0; i < parcels.size(); i++) {
        Rect p = parcels.get(i);
        int[] b = blockOf.get(i);
        double mu = p.area() / GaussKruger.SQM_PER_MU;
        int seq = ++seqInBlock[b[0] * cols + b[1]];
        // 地籍区 = the cluster's number, 地籍子区 = the block row, 宗地顺序号 = block column × 100 + place in the block.
        String pcode = city + String.format("%03d%03d", k + 1, b[0] + 1) + "GB" + String.format("%05d", b[1] * 100 + seq);
        boolean supplied = rnd.nextDouble() > 0.08;
        if (supplied && holderLeft <= 0) {
          holder = enterprise(chunk, rnd, city, k + 1, i);
          holderLeft = opt.parcelsPerHolder() > 1 ? 1 + rnd.nextInt(2 * opt.parcelsPerHolder() - 1)
              : rnd.nextDouble() < 0.15 ? 2 + rnd.nextInt(2) : 1;
        }
        double u = rnd.nextDouble();
        String scheme = u < 0.9 ? "GB/T 21010-2017" : "用地用海分类";
        String lu = u < 0.8 ? "0601" : u < 0.87 ? "0604" : u < 0.9 ? "0508" : u < 0.95 ? "100102" : u < 0.98 ? "100101" : "100103";
        Object[] row = new Object[PARCEL_COLUMNS.length];
        row[0] = pcode;
        row[1] = p.wkt();
        row[2] = scheme;
        row[3] = lu;
        if (supplied) {
          holderLeft--;
          double rt = rnd.nextDouble();
          row[4] = rt < 0.85 ? "transfer" : rt < 0.93 ? "allocation" : "lease";
          row[5] = holder;
          double noise = rnd.nextDouble() < 0.03 ? (rnd.nextBoolean() ? 1 : -1) * (0.08 + rnd.nextDouble() * 0.12) : rnd.nextGaussian() * 0.004;
          row[6] = money(p.area() * (1 + noise));
          LocalDate supply = LocalDate.of(2006, 1, 1).plusDays(rnd.nextInt(365 * 19));
          LocalDate agreedStart = supply.plusDays(90 + rnd.nextInt(100));
          LocalDate agreedDone = agreedStart.plusDays(540 + rnd.nextInt(560));
          double s = rnd.nextDouble();
          LocalDate actualStart = s < 0.78 ? agreedStart.plusDays(rnd.nextInt(150) - 60)
              : s < 0.88 ? agreedStart.plusDays(365 + rnd.nextInt(700)) : null;
          if (actualStart != null && actualStart.isAfter(today)) actualStart = null;
          LocalDate actualDone = null;
          if (actualStart != null) {
            double d = rnd.nextDouble();
            LocalDate done = d < 0.8 ? actualStart.plusDays(400 + rnd.nextInt(500)) : d < 0.9 ? actualStart.plusDays(1000 + rnd.nextInt(900)) : null;
            actualDone = done != null && done.isBefore(today) ? done : null;
          }
          row[7] = Date.valueOf(supply);
          row[8] = money(mu * (12 + rnd.nextDouble() * 23));
          row[9] = Date.valueOf(agreedStart);
          row[10] = Date.valueOf(agreedDone);
          row[11] = actualStart == null ? null : Date.valueOf(actualStart);
          row[12] = actualDone == null ? null : Date.valueOf(actualDone);
          row[13] = money(mu * (150 + rnd.nextDouble() * 350));
          row[14] = BigDecimal.valueOf(0.6 + rnd.nextDouble() * 1.6).setScale(2, RoundingMode.HALF_UP);
          row[15] = BigDecimal.valueOf(30 + rnd.nextDouble() * 35).setScale(2, RoundingMode.HALF_UP);
        }
        chunk.parcels.add(row);
        if (chunk.parcels.size() == CHUNK || i == parcels.size() - 1) {
          int n = chunk.parcels.size();
          chunk.write(c, clusterId, srid);
          if (pb != null) pb.stepTo(pb.getCurrent() + n);
        }
      }
      return (long) parcels.size();
    });
  }

  /** Splits a block into parcels whose sizes follow a long-tailed distribution of 5–300 亩 (median ≈ 25 亩). */
  static void subdivide(Rect r, Random rnd, List<Rect> out) {
    double mu = r.area() / GaussKruger.SQM_PER_MU;
    double target = Math.max(5.5, Math.min(300, Math.exp(Math.log(25) + rnd.nextGaussian() * 0.85)));
    double w = r.x1() - r.x0(), h = r.y1() - r.y0();
    if (mu <= target * 1.4 || mu < 12 || Math.min(w, h) < 60) {
      out.add(r);
      return;
    }
    double f = 0.35 + rnd.nextDouble() * 0.3;
    if (w >= h) {
      double x = Math.round((r.x0() + w * f) * 10) / 10.0;
      subdivide(new Rect(r.x0(), r.y0(), x, r.y1()), rnd, out);
      subdivide(new Rect(x, r.y0(), r.x1(), r.y1()), rnd, out);
    } else {
      double y = Math.round((r.y0() + h * f) * 10) / 10.0;
      subdivide(new Rect(r.x0(), r.y0(), r.x1(), y), rnd, out);
      subdivide(new Rect(r.x0(), y, r.x1(), r.y1()), rnd, out);
    }
  }

  /** A new holder (its draws in the order the seed fixes), kept in the chunk; returns its credit code. */
  private static String enterprise(Chunk chunk, Random rnd, String city, int clusterNo, int i) {
    // A unique 8-digit organization code body: a fixed permutation of (cluster number, index), so codes never collide.
    long serial = (clusterNo * 50_000L + i) * 48_271L % 100_000_000L;
    StringBuilder org = new StringBuilder(String.format("%08d", serial));
    org.append(CreditCode.orgCheckChar(org.toString()));
    String first17 = "91" + city + org;
    String credit = first17 + CreditCode.checkChar(first17);
    String[] ind = INDUSTRIES[rnd.nextInt(INDUSTRIES.length)];
    String place = cityShortName(city);
    String name = place + WORDS[rnd.nextInt(WORDS.length)] + ind[1] + (rnd.nextBoolean() ? "有限公司" : "股份有限公司");
    if (rnd.nextDouble() < 0.3) name = place + WORDS[rnd.nextInt(WORDS.length)] + WORDS[rnd.nextInt(WORDS.length)] + ind[1] + "有限公司";
    boolean above = rnd.nextDouble() < 0.62;
    LocalDate founded = LocalDate.of(1995, 1, 1).plusDays(rnd.nextInt(365 * 25));
    LocalDate started = founded.plusDays(180 + rnd.nextInt(540));
    String address = place + "市" + WORDS[rnd.nextInt(WORDS.length)] + "路" + (1 + rnd.nextInt(300)) + "号";
    Integer aboveSince = above ? Math.min(2025, founded.getYear() + 2 + rnd.nextInt(6)) : null;
    chunk.enterprises.add(new Object[] {credit, name, ind[0], above ? "above" : "below", Date.valueOf(founded), Date.valueOf(started), address, aboveSince});
    return credit;
  }

  /** Parcels per statement: a chunk's arrays stay small (about 1 MB) and the progress bar moves. */
  private static final int CHUNK = 5_000;

  /** The parcel columns a chunk carries, with their SQL array types (in the order of {@link #PARCEL_INSERT}). */
  private static final String[][] PARCEL_COLUMNS = {
      {"code", "text"}, {"wkt", "text"}, {"scheme", "text"}, {"lu", "text"}, {"rt", "text"}, {"holder", "bpchar"},
      {"reg", "numeric"}, {"supply", "date"}, {"price", "numeric"}, {"ast", "date"}, {"adone", "date"}, {"acs", "date"},
      {"acd", "date"}, {"inv", "numeric"}, {"far", "numeric"}, {"cov", "numeric"}};
  private static final String[][] ENTERPRISE_COLUMNS = {
      {"credit", "bpchar"}, {"name", "text"}, {"ind", "text"}, {"size", "text"}, {"founded", "date"}, {"started", "date"},
      {"address", "text"}, {"above", "smallint"}};

  private static String unnest(String[][] columns) {
    StringBuilder arrays = new StringBuilder(), names = new StringBuilder();
    for (String[] col : columns) {
      arrays.append(arrays.length() > 0 ? ", " : "").append("?::").append(col[1]).append("[]");
      names.append(col[0]).append(", ");
    }
    return "unnest(" + arrays + ") WITH ORDINALITY u(" + names + "ord)";
  }

  private static final String ENTERPRISE_INSERT = "INSERT INTO enterprise (credit_code, name, industry_code, size_class, cluster_id, founded_on, "
      + "production_started_on, address, above_since) SELECT u.credit, u.name, u.ind, u.size, ?, u.founded, u.started, u.address, u.above FROM "
      + unnest(ENTERPRISE_COLUMNS) + " ORDER BY u.ord";
  private static final String PARCEL_INSERT = "INSERT INTO parcel (code, cluster_id, geom, land_use_scheme, land_use_code, right_type, holder_id, "
      + "registered_area_m2, supply_date, transfer_price_wan, agreed_start_date, agreed_completion_date, actual_start_date, "
      + "actual_completion_date, contracted_investment_wan, floor_area_ratio, building_coverage_pct, remarks) "
      + "SELECT u.code, ?, ST_Multi(ST_Transform(ST_GeomFromText(u.wkt, ?), 4490)), u.scheme, u.lu, u.rt, e.id, u.reg, u.supply, u.price, "
      + "u.ast, u.adone, u.acs, u.acd, u.inv, u.far, u.cov, '' FROM " + unnest(PARCEL_COLUMNS)
      + " LEFT JOIN enterprise e ON e.credit_code = u.holder ORDER BY u.ord";

  /** The rows made since the last write: new holders and parcels. */
  private static final class Chunk {
    final List<Object[]> enterprises = new ArrayList<>();
    final List<Object[]> parcels = new ArrayList<>();

    void write(java.sql.Connection c, int clusterId, int srid) throws java.sql.SQLException {
      if (!enterprises.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(ENTERPRISE_INSERT)) {
          ps.setInt(1, clusterId);
          bindColumns(c, ps, 2, ENTERPRISE_COLUMNS, enterprises);
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(PARCEL_INSERT)) {
        ps.setInt(1, clusterId);
        ps.setInt(2, srid);
        bindColumns(c, ps, 3, PARCEL_COLUMNS, parcels);
        ps.executeUpdate();
      }
      enterprises.clear();
      parcels.clear();
    }

    private static void bindColumns(java.sql.Connection c, PreparedStatement ps, int first, String[][] columns, List<Object[]> rows)
        throws java.sql.SQLException {
      for (int j = 0; j < columns.length; j++) {
        Object[] col = new Object[rows.size()];
        for (int r = 0; r < rows.size(); r++) col[r] = rows.get(r)[j];
        ps.setArray(first + j, c.createArrayOf(columns[j][1], col));
      }
    }
  }

  private static String cityShortName(String city) {
    for (Object[] s : SITES) {
      if (s[3].equals(city)) return ((String) s[1]).substring(0, 2);
    }
    return "豫";
  }

  private static BigDecimal money(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
  }
}
