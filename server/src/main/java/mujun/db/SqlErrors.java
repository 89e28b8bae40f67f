package mujun.db;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import mujun.error.ApiError;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps SQLSTATEs to the application's errors, once. Messages never carry SQL. */
public final class SqlErrors {
  private static final Logger LOG = LoggerFactory.getLogger(SqlErrors.class);
  /** Reads the JSON details our triggers put in an error's DETAIL. */
  private static final com.fasterxml.jackson.databind.ObjectMapper DETAILS = new com.fasterxml.jackson.databind.ObjectMapper();

  /** Rule violations raised by our triggers (R__1_register_functions.sql): SQLSTATE → HTTP status and error code. */
  private static final Map<String, Object[]> RULES = Map.ofEntries(
      Map.entry("MJ001", new Object[] {422, "GEOMETRY_INVALID"}),
      Map.entry("MJ002", new Object[] {422, "GEOMETRY_EMPTY"}),
      Map.entry("MJ003", new Object[] {422, "OUTSIDE_HENAN"}),
      Map.entry("MJ004", new Object[] {422, "OUTSIDE_CLUSTER"}),
      Map.entry("MJ005", new Object[] {409, "OVERLAP"}),
      Map.entry("MJ006", new Object[] {409, "PARCEL_RETIRED"}),
      Map.entry("MJ007", new Object[] {405, "DELETE_FORBIDDEN"}),
      Map.entry("MJ008", new Object[] {409, "HISTORY_IMMUTABLE"}),
      Map.entry("MJ009", new Object[] {409, "AUDIT_IMMUTABLE"}),
      Map.entry("MJ010", new Object[] {422, "UNKNOWN_INDICATOR"}),
      Map.entry("MJ011", new Object[] {409, "BAD_TRANSITION"}),
      Map.entry("MJ012", new Object[] {422, "DATES_OUT_OF_ORDER"}),
      Map.entry("MJ013", new Object[] {409, "PUBLISHED_IMMUTABLE"}),
      Map.entry("MJ014", new Object[] {404, "NOT_FOUND"}),
      Map.entry("MJ015", new Object[] {409, "CLUSTER_OVERLAP"}),
      Map.entry("MJ016", new Object[] {409, "LEFT_OUTSIDE"}));

  /** Friendly sentences for the named constraints that a client can trip. */
  /** The request field a unique constraint stands for, so that a form shows the refusal beside that field. */
  private static final Map<String, String> CONSTRAINT_FIELDS = Map.of("parcel_code_current_uix", "code", "enterprise_credit_code_key", "creditCode",
      "city_pkey", "code", "standard_land_plot_uix", "plotNo");

  private static final Map<String, String> CONSTRAINTS = Map.ofEntries(
      Map.entry("cluster_code_key", "A cluster with this code exists: choose another code."),
      Map.entry("city_pkey", "This 行政区划代码 is already registered."),
      Map.entry("park_code_key", "A park with this code exists: choose another code."),
      Map.entry("enterprise_merged_into", "A merged enterprise names the credit code it merged into (and only a merged one does)."),
      Map.entry("enterprise_above_since", "The year it became 规上 is given only for a 规上 enterprise."),
      Map.entry("standard_land_plot_uix", "Another offering already has this plot number (地块编号)."),
      Map.entry("evaluation_method_code_key", "A method with this code exists: choose another code, or save a new version of that method."),
      Map.entry("parcel_code_current_uix", "Another current parcel already has this 宗地代码."),
      Map.entry("parcel_code_check", "The 宗地代码 must be 19 characters: 12 digits, G/J/Z, a letter, then 5 digits."),
      Map.entry("enterprise_credit_code_key", "An enterprise with this 统一社会信用代码 already exists."),
      Map.entry("enterprise_credit_code_check", "The 统一社会信用代码 has a wrong check character."));

  private SqlErrors() {}

  public static boolean isRetryable(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }

  /** Whether the database could not be reached (or is starting, recovering or shutting down): answered 503, retried later. */
  public static boolean isUnavailable(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return e instanceof java.sql.SQLTransientConnectionException || e instanceof java.sql.SQLNonTransientConnectionException
        || state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
  }

  public static RuntimeException translate(SQLException e) {
    if (e instanceof java.sql.BatchUpdateException && e.getNextException() != null) return translate(e.getNextException());
    if (isUnavailable(e)) {
      LOG.warn("database unavailable: {}", e.getMessage());
      return new ApiError(503, "DATABASE_UNAVAILABLE", "The database cannot be reached just now; try again in a few seconds.");
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    ServerErrorMessage sem = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String constraint = sem == null ? null : sem.getConstraint();
    Object[] rule = RULES.get(state);
    if (rule != null && sem != null) {
      return new ApiError((Integer) rule[0], (String) rule[1], sem.getMessage(), details(sem.getDetail()));
    }
    switch (state) {
      case "23505":
        return new ApiError(409, "DUPLICATE", CONSTRAINTS.getOrDefault(constraint, "A record with the same key already exists."),
            constraint == null ? List.of() : List.of(CONSTRAINT_FIELDS.containsKey(constraint)
                ? Map.of("constraint", constraint, "field", CONSTRAINT_FIELDS.get(constraint)) : Map.of("constraint", constraint)));
      case "23514":
        return new ApiError(422, "CHECK_FAILED", CONSTRAINTS.getOrDefault(constraint,
            "A value is out of its allowed range" + (constraint == null ? "." : " (rule " + constraint + ").")),
            constraint == null ? List.of() : List.of(Map.of("constraint", constraint)));
      case "23503":
        return new ApiError(422, "UNKNOWN_REFERENCE", "A referenced record does not exist (rule " + constraint + ").");
      case "23502":
        return new ApiError(422, "MISSING_VALUE", "A required value is missing" + (sem != null && sem.getColumn() != null ? ": " + sem.getColumn() : "") + ".");
      case "22P02", "22007", "22008", "22003":
        return new ApiError(400, "BAD_VALUE", "A value has the wrong format or is out of range.");
      case "22021", "22P05":
        return new ApiError(400, "BAD_TEXT", "A text value contains a character that cannot be stored (such as a NUL byte); remove it and try again.");
      case "54001":
        return new ApiError(400, "TOO_COMPLEX", "The request is nested too deeply to be processed; simplify it.");
      case "40001", "40P01":
        // Serialization failures and deadlocks still there after the retries, or a standby's read cancelled by its recovery.
        return new ApiError(503, "BUSY", "The database was busy with conflicting work; try again in a moment.");
      case "57014":
        return new ApiError(503, "TIMEOUT", "The database took too long; narrow the request and try again.");
      default:
        LOG.error("unexpected database error {}", state, e);
        return new ApiError(500, "INTERNAL", "An unexpected database error occurred; it has been logged.");
    }
  }

  private static List<?> details(String detail) {
    if (detail == null || detail.isBlank() || detail.equals("{}")) return List.of();
    try {
      JsonNode n = DETAILS.readTree(detail);
      return List.of(DETAILS.convertValue(n, Map.class));
    } catch (Exception ex) {
      return List.of();
    }
  }
}
