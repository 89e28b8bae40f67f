package mujun.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers — a request line or headers too long (414, 431), a malformed request (400) — in the JSON error
 * shape, instead of Jetty's HTML page. Requests that reach Javalin are answered by its handlers.
 */
public final class JsonErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() > 0 ? response.getStatus() : 500;
    Object attr = request.getAttribute(ERROR_STATUS);
    if (attr instanceof Integer i) status = i;
    String code, message;
    switch (status) {
      case 414 -> { code = "URI_TOO_LONG"; message = "The address is too long; send the parameters in fewer characters."; }
      case 431 -> { code = "HEADERS_TOO_LARGE"; message = "The request headers are too large."; }
      case 413 -> { code = "TOO_LARGE"; message = "The request body is too large."; }
      case 400 -> { code = "BAD_REQUEST"; message = "The request is malformed."; }
      default -> {
        code = status >= 500 ? "INTERNAL" : "HTTP_" + status;
        message = status >= 500 ? "An unexpected error occurred." : HttpStatus.getMessage(status);
      }
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    byte[] body = Json.write(java.util.Map.of("code", code, "message", message)).getBytes(StandardCharsets.UTF_8);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
