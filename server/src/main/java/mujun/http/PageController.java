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

  /** {@code clientConfig}: what the web client is told at start (the base map's address and attribution). */
  public PageController(java.nio.file.Path webDir, Map<String, Object> clientConfig, byte[] openapi) {
    this.webDir = webDir;
    this.clientConfig = clientConfig;
    this.openapi = openapi;
  }

  public void app(Context ctx) throws IOException {
    Http.allowQuery(ctx, "lang", "parcel");
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache")
        .result(Files.readAllBytes(webDir.resolve("app.html")));
  }

  public void clientConfig(Context ctx) {
    Http.allowQuery(ctx);
    ctx.json(clientConfig);
  }

  public void openapi(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/vnd.oai.openapi+json;version=3.0").result(openapi);
  }
}
