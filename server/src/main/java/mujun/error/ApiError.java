package mujun.error;

import java.util.List;
import java.util.Map;

/** An error the client can act on: HTTP status, a stable code, a human sentence and optional details. */
public class ApiError extends RuntimeException {
  public final int status;
  public final String code;
  public final List<?> details;

  public ApiError(int status, String code, String message, List<?> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details == null ? List.of() : details;
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }

  public static ApiError badRequest(String code, String message, Map<String, ?> detail) {
    return new ApiError(400, code, message, List.of(detail));
  }

  public static ApiError unprocessable(String code, String message, Map<String, ?> detail) {
    return new ApiError(422, code, message, detail == null ? List.of() : List.of(detail));
  }

  /** 422 VALIDATION_FAILED listing each problem ({field, message}) in the message and the details. */
  public static ApiError invalid(String lead, List<? extends Map<String, ?>> problems) {
    StringBuilder b = new StringBuilder(lead).append(": ");
    for (int i = 0; i < problems.size(); i++) {
      b.append(i == 0 ? "" : "; ").append(problems.get(i).get("field")).append(' ').append(problems.get(i).get("message"));
    }
    return new ApiError(422, "VALIDATION_FAILED", b.append('.').toString(), problems);
  }

  public static ApiError invalid(List<? extends Map<String, ?>> problems) {
    return invalid("Some fields are not valid", problems);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "NOT_FOUND", what);
  }

  public Map<String, Object> body() {
    return details.isEmpty()
        ? Map.of("code", code, "message", getMessage())
        : Map.of("code", code, "message", getMessage(), "details", details);
  }
}
