package mujun.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** The staff app page, the client configuration and the OpenAPI document. */
public final class PageController {
  private final java.nio.file.Path webDir;
  private final Map<String, Object> clientConfig;
  private final byte[] openapi;
  private final java.util.function.Supplier<String> registerSince;

  /**
   * {@code clientConfig}: what the web client is told at start (the base map's address and attribution);
   * {@code registerSince}: the day the register's history begins (Beijing time), or null for an empty register.
   */
  public PageController(java.nio.file.Path webDir, Map<String, Object> clientConfig, byte[] openapi, java.util.function.Supplier<String> registerSince) {
    this.webDir = webDir;
    this.clientConfig = clientConfig;
    this.openapi = openapi;
    this.registerSince = registerSince;
  }

  public void app(Context ctx) throws IOException {
    Http.allowQuery(ctx, "lang", "parcel");
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache")
        .result(Files.readAllBytes(webDir.resolve("app.html")));
  }

  public void clientConfig(Context ctx) {
    Http.allowQuery(ctx);
    Map<String, Object> m = new java.util.LinkedHashMap<>(clientConfig);
    m.put("registerSince", registerSince.get());
    ctx.json(m);
  }

  public void openapi(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/vnd.oai.openapi+json;version=3.0").result(openapi);
  }
}
