package mujun.standardland;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The national floor, cluster standards, ranges, commitments and the compliance figures, on hand-computed cases. */
class RulesTest {
  static final Map<String, Rules.Kind> KINDS = Map.of(
      "investment_intensity", new Rules.Kind("investment_intensity", "固定资产投资强度", "", "万元/亩", "min", bd("10"), bd("5000"), "investment_per_mu"),
      "tax_per_mu", new Rules.Kind("tax_per_mu", "亩均税收", "", "万元/亩", "min", bd("1"), bd("500"), "tax_per_mu"),
      "energy_per_output", new Rules.Kind("energy_per_output", "单位产值能耗", "", "吨标准煤/万元", "max", bd("0.001"), bd("10"), "energy_per_output"));
  static final Rules.Floors FLOORS = new Rules.Floors(bd("30"), bd("7"), bd("20"),
      Map.of("C17", bd("0.8"), "C26", bd("0.6"), "C39", bd("1.0")), Map.of("C17", "纺织业", "C26", "化学原料和化学制品制造业", "C39", "电子"));

  static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  static Rules.Conditions cond(String far, String coef, String office, String green, List<String> industries, Map<String, BigDecimal> ind) {
    return new Rules.Conditions(far == null ? null : bd(far), null, coef == null ? null : bd(coef), office == null ? null : bd(office),
        green == null ? null : bd(green), industries, ind);
  }

  static List<String> fields(List<Map<String, String>> problems) {
    return problems.stream().map(p -> p.get("field")).toList();
  }

  @Test
  void buildingCoefficientAtAndBelowThirtyPercent() {
    assertThat(Rules.check(cond("1.0", "30", "7", "20", List.of("C39"), Map.of()), KINDS, FLOORS, Map.of())).isEmpty();
    assertThat(fields(Rules.check(cond("1.0", "29.99", "7", "20", List.of("C39"), Map.of()), KINDS, FLOORS, Map.of())))
        .containsExactly("buildingCoefficientMinPct");
  }

  @Test
  void officeAndLivingLandAtAndAboveSevenPercent() {
    assertThat(fields(Rules.check(cond("1.0", "30", "7.01", "20", List.of("C39"), Map.of()), KINDS, FLOORS, Map.of())))
        .containsExactly("officeLivingMaxPct");
    assertThat(fields(Rules.check(cond("1.0", "30", "7", "20.5", List.of("C39"), Map.of()), KINDS, FLOORS, Map.of())))
        .containsExactly("greenRatioMaxPct");
  }

  @Test
  void floorAreaRatioMinimumFollowsTheStrictestAdmittedIndustry() {
    assertThat(Rules.check(cond("0.8", "30", "7", null, List.of("C1711"), Map.of()), KINDS, FLOORS, Map.of())).isEmpty();
    assertThat(Rules.check(cond("0.6", "30", "7", null, List.of("C2614"), Map.of()), KINDS, FLOORS, Map.of())).isEmpty();
    List<Map<String, String>> p = Rules.check(cond("0.99", "30", "7", null, List.of("C1711", "C3971"), Map.of()), KINDS, FLOORS, Map.of());
    assertThat(fields(p)).containsExactly("farMin");
    assertThat(p.get(0).get("message")).contains("1", "C3971");
    assertThat(Rules.requiredFarMin(List.of("C1711", "C3971", "G59"), FLOORS)).isEqualByComparingTo("1.0");
    assertThat(Rules.requiredFarMin(List.of("G59"), FLOORS)).isNull();
  }

  @Test
  void indicatorOutOfRangeSaysTheUnit() {
    List<Map<String, String>> p = Rules.check(cond("1.0", "30", "7", null, List.of("C39"), Map.of("investment_intensity", bd("2500000"))),
        KINDS, FLOORS, Map.of());
    assertThat(fields(p)).containsExactly("indicators.investment_intensity");
    assertThat(p.get(0).get("message")).contains("万元/亩", "元");
  }

  @Test
  void clusterStandardIsAFloorOrACeilingByKind() {
    Map<String, BigDecimal> std = Map.of("investment_intensity", bd("250"), "energy_per_output", bd("0.1"));
    assertThat(Rules.check(cond("1.0", "30", "7", null, List.of("C39"), Map.of("investment_intensity", bd("250"), "energy_per_output", bd("0.1"))),
        KINDS, FLOORS, std)).isEmpty();
    assertThat(fields(Rules.check(cond("1.0", "30", "7", null, List.of("C39"), Map.of("investment_intensity", bd("249.9"), "energy_per_output", bd("0.11"))),
        KINDS, FLOORS, std))).containsExactlyInAnyOrder("indicators.investment_intensity", "indicators.energy_per_output");
  }

  @Test
  void announcementNeedsTheCoreIndicatorsAndAssessments() {
    List<Map<String, String>> p = Rules.announceProblems(cond("1.0", "30", "7", null, List.of("C39"), Map.of("tax_per_mu", bd("20"))),
        bd("100"), bd("20"), "GB 8978", List.of("energy"), List.of("energy", "flood"), List.of("investment_intensity", "tax_per_mu"));
    assertThat(fields(p)).containsExactlyInAnyOrder("indicators.investment_intensity", "assessments");
  }

  @Test
  void commitmentsMustCoverAndMeetEveryStandard() {
    Map<String, BigDecimal> std = Map.of("investment_intensity", bd("300"), "energy_per_output", bd("0.08"));
    assertThat(Rules.commitmentProblems(std, Map.of("investment_intensity", bd("300"), "energy_per_output", bd("0.08")), KINDS)).isEmpty();
    assertThat(fields(Rules.commitmentProblems(std, Map.of("investment_intensity", bd("299"), "energy_per_output", bd("0.081")), KINDS)))
        .containsExactlyInAnyOrder("commitments.investment_intensity", "commitments.energy_per_output");
    assertThat(fields(Rules.commitmentProblems(std, Map.of("investment_intensity", bd("400")), KINDS))).containsExactly("commitments.energy_per_output");
  }

  @Test
  void complianceAgainstHandComputedFigures() {
    // 30 亩; committed tax 20 万元/亩 and energy ≤ 0.08 tce/万元; completion in 2023.
    Map<String, BigDecimal> committed = new java.util.LinkedHashMap<>();
    committed.put("tax_per_mu", bd("20"));
    committed.put("energy_per_output", bd("0.08"));
    Map<Integer, Rules.Figures> fig = Map.of(
        2024, new Rules.Figures(bd("600"), bd("1000"), null, bd("80"), null),   // 20.00 per 亩 (met, exactly); 0.08 (met, exactly)
        2025, new Rules.Figures(bd("570"), bd("1000"), null, bd("100"), null)); // 19.00 (−1, −5 %); 0.1 (not met)
    List<Rules.ComplianceRow> rows = Rules.compliance(committed, KINDS, bd("30"), 2023, 2026, fig);
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0)).isEqualTo(new Rules.ComplianceRow(2024, "tax_per_mu", bd("20"), new BigDecimal("20.00"), true, new BigDecimal("0.00"), new BigDecimal("0.0")));
    assertThat(rows.get(1).met()).isTrue();
    assertThat(rows.get(2).actual()).isEqualByComparingTo("19");
    assertThat(rows.get(2).met()).isFalse();
    assertThat(rows.get(2).gapPct()).isEqualByComparingTo("-5.0");
    assertThat(rows.get(3).actual()).isEqualByComparingTo("0.1");
    assertThat(rows.get(3).met()).isFalse();
    assertThat(rows.get(4).met()).as("2026 has no figures yet").isNull();
  }
}
