package mujun.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The units a department's file may give a figure in, and the factor to the unit Mujun keeps (元 → 万元 is × 0.0001). */
final class Units {
  private Units() {}

  private static final Map<String, Map<String, BigDecimal>> TO = Map.of(
      "万元", Map.of("万元", BigDecimal.ONE, "元", new BigDecimal("0.0001"), "千元", new BigDecimal("0.1"), "亿元", new BigDecimal("10000")),
      "万千瓦时", Map.of("万千瓦时", BigDecimal.ONE, "万kWh", BigDecimal.ONE, "万kwh", BigDecimal.ONE, "千瓦时", new BigDecimal("0.0001"),
          "kWh", new BigDecimal("0.0001"), "kwh", new BigDecimal("0.0001"), "度", new BigDecimal("0.0001"), "亿千瓦时", new BigDecimal("10000")),
      "吨标准煤", Map.of("吨标准煤", BigDecimal.ONE, "tce", BigDecimal.ONE, "吨标煤", BigDecimal.ONE, "万吨标准煤", new BigDecimal("10000"),
          "千克标准煤", new BigDecimal("0.001"), "kgce", new BigDecimal("0.001")),
      "吨", Map.of("吨", BigDecimal.ONE, "t", BigDecimal.ONE, "千克", new BigDecimal("0.001"), "kg", new BigDecimal("0.001"), "公斤", new BigDecimal("0.001")),
      "平方米", Map.of("平方米", BigDecimal.ONE, "m2", BigDecimal.ONE, "m²", BigDecimal.ONE, "㎡", BigDecimal.ONE, "亩", new BigDecimal("666.6667"),
          "公顷", new BigDecimal("10000")),
      "人", Map.of("人", BigDecimal.ONE),
      "是/否", Map.of("是/否", BigDecimal.ONE));

  private static final Map<String, String> SMALLER = Map.of("万元", "元", "万千瓦时", "千瓦时 (kWh)", "吨标准煤", "千克标准煤", "吨", "千克");

  /** The factor from {@code given} to {@code kept}, or null when the file's unit cannot be converted. */
  static BigDecimal factor(String kept, String given) {
    Map<String, BigDecimal> m = TO.get(kept);
    if (m == null) return kept.equals(given) ? BigDecimal.ONE : null;
    return m.get(given.replace(" ", ""));
  }

  /** The other units accepted for {@code kept}, for the message that refuses one. */
  static String known(String kept) {
    Map<String, BigDecimal> m = TO.get(kept);
    if (m == null) return "";
    return String.join(", ", m.keySet().stream().filter(u -> !u.equals(kept)).sorted().toList());
  }

  static String smaller(String kept) {
    return SMALLER.getOrDefault(kept, "a smaller unit");
  }

  static List<String> kept() {
    return List.copyOf(TO.keySet());
  }
}
