package mujun.standardland;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of an offering's standards, free of I/O so they can be tested with hand-computed cases: the national
 * floor (国土资发〔2008〕24号: 建筑系数 ≥ 30 %, office and living land ≤ 7 %, green ≤ 20 %, 容积率 minimum per industry), the
 * cluster's own standards, the plausible range (and unit) of each control indicator, what an announcement needs,
 * and the enterprise's commitments against the standard.
 */
public final class Rules {
  private Rules() {}

  /** A control indicator kind (configuration). direction "min": the value is a floor; "max": a ceiling. */
  public record Kind(String code, String name, String nameEn, String unit, String direction, BigDecimal low, BigDecimal high, String actual) {
    boolean floor() {
      return direction.equals("min");
    }
  }

  /** The national floor and the per-industry 容积率 minimums (division like C39 → minimum and name). */
  public record Floors(BigDecimal buildingCoefficientMinPct, BigDecimal officeLivingMaxPct, BigDecimal greenRatioMaxPct,
                       Map<String, BigDecimal> farMinByDivision, Map<String, String> divisionNames) {}

  /** The planning conditions and standards of an offering as they stand. */
  public record Conditions(BigDecimal farMin, BigDecimal farMax, BigDecimal buildingCoefficientMinPct, BigDecimal officeLivingMaxPct,
                           BigDecimal greenRatioMaxPct, List<String> industries, Map<String, BigDecimal> indicators) {}

  public static final List<String> ASSESSMENTS = List.of("energy", "environment", "flood", "soil_water", "water_resources", "mineral", "geohazard");

  /** A problem with a field, as forms show them. */
  public static Map<String, String> problem(String field, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("message", message);
    return m;
  }

  /** The 容积率 minimum the admitted industries require (the highest of theirs), or null when none applies. */
  public static BigDecimal requiredFarMin(List<String> industries, Floors f) {
    BigDecimal req = null;
    for (String code : industries) {
      if (code.length() < 3) continue;
      BigDecimal m = f.farMinByDivision().get(code.substring(0, 3));
      if (m != null && (req == null || m.compareTo(req) > 0)) req = m;
    }
    return req;
  }

  /** Every problem of the standards against the national floor, the cluster's standards and the indicator ranges. */
  public static List<Map<String, String>> check(Conditions c, Map<String, Kind> kinds, Floors f, Map<String, BigDecimal> clusterStandards) {
    List<Map<String, String>> p = new ArrayList<>();
    if (c.buildingCoefficientMinPct() != null && c.buildingCoefficientMinPct().compareTo(f.buildingCoefficientMinPct()) < 0) {
      p.add(problem("buildingCoefficientMinPct", "建筑系数 " + plain(c.buildingCoefficientMinPct()) + " % is below the national floor of "
          + plain(f.buildingCoefficientMinPct()) + " % (国土资发〔2008〕24号)"));
    }
    if (c.officeLivingMaxPct() != null && c.officeLivingMaxPct().compareTo(f.officeLivingMaxPct()) > 0) {
      p.add(problem("officeLivingMaxPct", "office and living land " + plain(c.officeLivingMaxPct()) + " % exceeds the national ceiling of "
          + plain(f.officeLivingMaxPct()) + " % of the plot"));
    }
    if (c.greenRatioMaxPct() != null && c.greenRatioMaxPct().compareTo(f.greenRatioMaxPct()) > 0) {
      p.add(problem("greenRatioMaxPct", "绿地率 " + plain(c.greenRatioMaxPct()) + " % exceeds the national ceiling of " + plain(f.greenRatioMaxPct())
          + " % for industrial land"));
    }
    if (c.farMin() != null && c.farMax() != null && c.farMax().compareTo(c.farMin()) < 0) {
      p.add(problem("farMax", "容积率 maximum " + plain(c.farMax()) + " is below the minimum " + plain(c.farMin())));
    }
    if (c.farMin() != null) {
      for (String code : c.industries()) {
        if (code.length() < 3) continue;
        BigDecimal m = f.farMinByDivision().get(code.substring(0, 3));
        if (m != null && c.farMin().compareTo(m) < 0) {
          p.add(problem("farMin", "容积率 minimum " + plain(c.farMin()) + " is below " + plain(m) + ", the national minimum for " + code + " "
              + f.divisionNames().getOrDefault(code.substring(0, 3), "")));
          break;
        }
      }
    }
    for (String code : c.industries()) {
      if (!code.matches("[A-T]([0-9]{2,4})?")) p.add(problem("industries", "\"" + code + "\" is not a 国民经济行业分类 code (a letter and 2-4 digits, e.g. C39 or C3971)"));
    }
    for (Map.Entry<String, BigDecimal> e : c.indicators().entrySet()) {
      Kind k = kinds.get(e.getKey());
      if (k == null) {
        p.add(problem("indicators." + e.getKey(), "is not a configured control indicator"));
        continue;
      }
      BigDecimal v = e.getValue();
      if (v.compareTo(k.low()) < 0 || v.compareTo(k.high()) > 0) {
        p.add(problem("indicators." + k.code(), k.name() + " " + plain(v) + " is outside the plausible range " + plain(k.low()) + "–" + plain(k.high())
            + " " + k.unit() + unitHint(k, v)));
        continue;
      }
      BigDecimal std = clusterStandards.get(k.code());
      if (std != null && (k.floor() ? v.compareTo(std) < 0 : v.compareTo(std) > 0)) {
        p.add(problem("indicators." + k.code(), k.name() + " " + plain(v) + " " + k.unit() + " is " + (k.floor() ? "below" : "above")
            + " the cluster's standard of " + plain(std) + " " + k.unit()));
      }
    }
    return p;
  }

  /** A hint when a value looks entered in the wrong unit (元 for 万元, kWh for 万kWh). */
  static String unitHint(Kind k, BigDecimal v) {
    if (k.unit().startsWith("万元") && v.compareTo(k.high().multiply(BigDecimal.valueOf(1000))) >= 0) {
      return ": it looks like 元; enter 万元 (divide by 10,000)";
    }
    return ": check the unit";
  }

  /** What an offering needs before it is announced. */
  public static List<Map<String, String>> announceProblems(Conditions c, BigDecimal reservePrice, BigDecimal deposit, String envStandard,
                                                            List<String> assessments, List<String> requiredAssessments, List<String> requiredIndicators) {
    List<Map<String, String>> p = new ArrayList<>();
    if (reservePrice == null) p.add(problem("reservePriceWan", "the reserve price (起始价, 万元) is required to announce"));
    if (deposit == null) p.add(problem("depositWan", "the deposit (保证金, 万元) is required to announce"));
    if (c.farMin() == null) p.add(problem("farMin", "the 容积率 minimum is required to announce"));
    if (c.buildingCoefficientMinPct() == null) p.add(problem("buildingCoefficientMinPct", "the 建筑系数 minimum is required to announce"));
    if (c.officeLivingMaxPct() == null) p.add(problem("officeLivingMaxPct", "the office and living share ceiling is required to announce"));
    if (c.industries().isEmpty()) p.add(problem("industries", "at least one admitted industry is required to announce"));
    for (String k : requiredIndicators) {
      if (!c.indicators().containsKey(k)) p.add(problem("indicators." + k, "this control indicator is required to announce"));
    }
    if (envStandard == null || envStandard.isBlank()) p.add(problem("envStandard", "the environmental standard is required to announce"));
    List<String> missing = requiredAssessments.stream().filter(a -> !assessments.contains(a)).toList();
    if (!missing.isEmpty()) p.add(problem("assessments", "regional assessments not yet done: " + String.join(", ", missing) + " (the land must be 净地 with its assessments done)"));
    return p;
  }

  /** A land use's rules in a city (M0: 容积率 range, supporting floor space, dividing and selling); null values set no limit. */
  public record LandUseRule(String landUse, BigDecimal farMin, BigDecimal farMax, BigDecimal supportingFloorMaxPct, Boolean divisible,
                            BigDecimal sellableFloorMaxPct, String basis) {}

  /** An offering's own conditions for such a land use. */
  public record OwnConditions(BigDecimal farMin, BigDecimal farMax, BigDecimal supportingFloorMaxPct, boolean divisible, BigDecimal sellableFloorMaxPct) {}

  /**
   * The problems of an offering against its land use's rules in the city ({@code rule}); {@code ruled} says whether
   * the land use has rules anywhere (then a city without its own cannot announce it), {@code announcing} adds what an
   * announcement must state.
   */
  public static List<Map<String, String>> landUseProblems(LandUseRule rule, boolean ruled, OwnConditions c, boolean announcing) {
    List<Map<String, String>> p = new ArrayList<>();
    if (rule == null) {
      if (ruled && announcing) p.add(problem("landUseCode", "the city has not set its rules for this land use (容积率, supporting floor space, dividing and selling); set them before announcing"));
      return p;
    }
    String lu = rule.landUse() + " (" + rule.basis() + ")";
    if (rule.farMin() != null && c.farMin() != null && c.farMin().compareTo(rule.farMin()) < 0) {
      p.add(problem("farMin", "容积率 minimum " + plain(c.farMin()) + " is below " + plain(rule.farMin()) + ", the city's minimum for " + lu));
    }
    if (rule.farMax() != null && c.farMax() != null && c.farMax().compareTo(rule.farMax()) > 0) {
      p.add(problem("farMax", "容积率 maximum " + plain(c.farMax()) + " is above " + plain(rule.farMax()) + ", the city's maximum for " + lu));
    }
    if (rule.supportingFloorMaxPct() != null && c.supportingFloorMaxPct() != null && c.supportingFloorMaxPct().compareTo(rule.supportingFloorMaxPct()) > 0) {
      p.add(problem("supportingFloorMaxPct", "supporting floor space " + plain(c.supportingFloorMaxPct()) + " % exceeds the city's " + plain(rule.supportingFloorMaxPct())
          + " % of the above-ground floor area for " + lu));
    }
    if (Boolean.FALSE.equals(rule.divisible()) && c.divisible()) p.add(problem("divisible", "the city does not allow dividing and transferring the buildings of " + lu));
    if (rule.sellableFloorMaxPct() != null && c.sellableFloorMaxPct() != null && c.sellableFloorMaxPct().compareTo(rule.sellableFloorMaxPct()) > 0) {
      p.add(problem("sellableFloorMaxPct", "a transferable share of " + plain(c.sellableFloorMaxPct()) + " % exceeds the city's " + plain(rule.sellableFloorMaxPct())
          + " % for " + lu));
    }
    if (announcing && rule.supportingFloorMaxPct() != null && c.supportingFloorMaxPct() == null) {
      p.add(problem("supportingFloorMaxPct", "the ceiling of supporting floor space is required to announce " + rule.landUse()));
    }
    if (announcing && c.divisible() && rule.sellableFloorMaxPct() != null && c.sellableFloorMaxPct() == null) {
      p.add(problem("sellableFloorMaxPct", "a divisible offering states the most of its floor area that may be transferred"));
    }
    return p;
  }

  /** Commitments must cover every control indicator of the offering and meet it. */
  public static List<Map<String, String>> commitmentProblems(Map<String, BigDecimal> standards, Map<String, BigDecimal> commitments, Map<String, Kind> kinds) {
    List<Map<String, String>> p = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : standards.entrySet()) {
      Kind k = kinds.get(e.getKey());
      BigDecimal v = commitments.get(e.getKey());
      String label = k == null ? e.getKey() : k.name();
      String unit = k == null ? "" : " " + k.unit();
      if (v == null) {
        p.add(problem("commitments." + e.getKey(), "the committed " + label + " is required (standard " + plain(e.getValue()) + unit + ")"));
      } else if (k != null && (k.floor() ? v.compareTo(e.getValue()) < 0 : v.compareTo(e.getValue()) > 0)) {
        p.add(problem("commitments." + e.getKey(), "the committed " + label + " " + plain(v) + unit + " is " + (k.floor() ? "below" : "above")
            + " the offering's standard of " + plain(e.getValue()) + unit));
      }
    }
    for (String key : commitments.keySet()) {
      if (!standards.containsKey(key)) p.add(problem("commitments." + key, "the offering fixes no such indicator"));
    }
    return p;
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  /** One indicator of one year in the check after construction. */
  public record ComplianceRow(int year, String kind, BigDecimal committed, BigDecimal actual, Boolean met, BigDecimal gap, BigDecimal gapPct) {}

  /** An enterprise's figures for a year, as the check reads them (any may be null). */
  public record Figures(BigDecimal taxWan, BigDecimal outputWan, BigDecimal valueAddedWan, BigDecimal energyTce, BigDecimal investmentWan) {}

  /**
   * Committed values against the actual figures, for every year from the year after the agreed completion up to
   * {@code lastYear}: actual per 亩 over {@code areaMu}; energy per output = tce ÷ 万元 of output. A year without
   * figures gives met = null ("no data").
   */
  public static List<ComplianceRow> compliance(Map<String, BigDecimal> commitments, Map<String, Kind> kinds, BigDecimal areaMu,
                                               int completionYear, int lastYear, Map<Integer, Figures> byYear) {
    List<ComplianceRow> rows = new ArrayList<>();
    for (int y = completionYear + 1; y <= lastYear; y++) {
      Figures f = byYear.get(y);
      for (Map.Entry<String, BigDecimal> e : commitments.entrySet()) {
        Kind k = kinds.get(e.getKey());
        if (k == null || k.actual() == null) continue;
        BigDecimal actual = f == null ? null : actual(k.actual(), f, areaMu);
        if (actual == null) {
          rows.add(new ComplianceRow(y, k.code(), e.getValue(), null, null, null, null));
          continue;
        }
        BigDecimal gap = actual.subtract(e.getValue());
        boolean met = k.floor() ? gap.signum() >= 0 : gap.signum() <= 0;
        BigDecimal pct = e.getValue().signum() == 0 ? null : gap.multiply(BigDecimal.valueOf(100)).divide(e.getValue(), 1, RoundingMode.HALF_UP);
        rows.add(new ComplianceRow(y, k.code(), e.getValue(), actual, met, gap, pct));
      }
    }
    return rows;
  }

  static BigDecimal actual(String what, Figures f, BigDecimal areaMu) {
    if (areaMu == null || areaMu.signum() <= 0) return null;
    BigDecimal x = switch (what) {
      case "investment_per_mu" -> f.investmentWan();
      case "tax_per_mu" -> f.taxWan();
      case "output_per_mu" -> f.outputWan();
      case "value_added_per_mu" -> f.valueAddedWan();
      case "energy_per_output" -> null;
      default -> null;
    };
    if (what.equals("energy_per_output")) {
      if (f.energyTce() == null || f.outputWan() == null || f.outputWan().signum() <= 0) return null;
      return f.energyTce().divide(f.outputWan(), 4, RoundingMode.HALF_UP);
    }
    return x == null ? null : x.divide(areaMu, 2, RoundingMode.HALF_UP);
  }
}
