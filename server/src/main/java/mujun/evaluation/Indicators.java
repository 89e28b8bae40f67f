package mujun.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The indicators a method may use (the allow-list of mujun_eval_indicator in SQL), with names and units. */
public final class Indicators {
  private Indicators() {}

  public record Def(String code, String name, String nameEn, String unit) {}

  public static final Map<String, Def> ALL = new LinkedHashMap<>();

  static {
    d("tax_per_mu", "亩均税收", "Tax per mu", "万元/亩");
    d("va_per_mu", "亩均增加值", "Value added per mu", "万元/亩");
    d("revenue_per_mu", "亩均营业收入", "Revenue per mu", "万元/亩");
    d("output_per_mu", "亩均产值", "Output per mu", "万元/亩");
    d("profit_per_mu", "亩均利润", "Profit per mu", "万元/亩");
    d("va_per_energy", "单位能耗增加值", "Value added per tce", "万元/吨标准煤");
    d("output_per_energy", "单位能耗总产值", "Output per tce", "万元/吨标准煤");
    d("va_per_emission", "单位排放增加值", "Value added per t of emissions", "万元/吨");
    d("tax_per_emission", "单位污染排放税收", "Tax per t of emissions", "万元/吨");
    d("tax_per_electricity", "单位电耗税收", "Tax per 10⁴ kWh", "万元/万千瓦时");
    d("labour_productivity", "全员劳动生产率", "Labour productivity", "万元/人");
    d("rd_intensity", "研发投入强度", "R&D intensity", "%");
    d("tax_total", "实缴税收", "Tax paid", "万元");
  }

  private static void d(String code, String name, String nameEn, String unit) {
    ALL.put(code, new Def(code, name, nameEn, unit));
  }

  /** Yearly figures: column, header name, unit (the import template's columns, in order). */
  public record Field(String column, String header, String unit, String kind) {}

  public static final java.util.List<Field> FIELDS = java.util.List.of(
      new Field("tax_wan", "实缴税金", "万元", "number"),
      new Field("revenue_wan", "营业收入", "万元", "number"),
      new Field("value_added_wan", "工业增加值", "万元", "signed"), // negative for a firm that loses more than it adds
      new Field("output_wan", "工业总产值", "万元", "number"),
      new Field("profit_wan", "利润总额", "万元", "signed"),
      new Field("energy_tce", "综合能耗", "吨标准煤", "number"),
      new Field("electricity_wan_kwh", "用电量", "万千瓦时", "number"),
      new Field("emissions_t", "主要污染物排放量", "吨", "number"),
      new Field("employees", "年平均职工人数", "人", "integer"),
      new Field("rd_wan", "研发经费支出", "万元", "number"),
      new Field("investment_wan", "累计固定资产投资", "万元", "number"),
      new Field("rented_area_m2", "租用土地面积", "平方米", "number"),
      new Field("safety_accident", "重大安全事故", "是/否", "flag"),
      new Field("env_accident", "重大环境事故", "是/否", "flag"),
      new Field("high_tech", "高新技术企业", "是/否", "flag"),
      new Field("listed", "上市企业", "是/否", "flag"),
      // Evidence of the bonus, veto, protection and exclusion items cities' methods name (V17).
      new Field("food_safety_accident", "重大食品安全事故", "是/否", "flag"),
      new Field("energy_task_missed", "未完成节能目标任务", "是/否", "flag"),
      new Field("serious_dishonesty", "列入严重失信名单", "是/否", "flag"),
      new Field("rd_platform", "省级以上研发平台", "是/否", "flag"),
      new Field("specialised_sme", "专精特新企业", "是/否", "flag"),
      new Field("quality_award", "省级以上质量奖", "是/否", "flag"),
      new Field("standard_setter", "主导制定国家或行业标准", "是/否", "flag"),
      new Field("smart_factory", "智能工厂或智能车间", "是/否", "flag"),
      new Field("green_factory", "绿色工厂", "是/否", "flag"),
      new Field("major_project", "在建重大项目", "是/否", "flag"),
      new Field("public_utility", "公用事业或免税企业", "是/否", "flag"),
      new Field("invention_patents", "有效发明专利", "件", "integer"));

  static Map<String, Field> byColumn() {
    Map<String, Field> m = new LinkedHashMap<>();
    for (Field f : FIELDS) m.put(f.column(), f);
    return m;
  }
}
