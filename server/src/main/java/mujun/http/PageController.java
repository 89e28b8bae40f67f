package mujun.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import mujun.config.Config;

/** The staff app page, the client configuration and the OpenAPI document. */
public final class PageController {
  private final Config cfg;
  private final byte[] openapi;

  public PageController(Config cfg) {
    this.cfg = cfg;
    try (InputStream in = PageController.class.getResourceAsStream("/openapi.json")) {
      this.openapi = in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.json missing from the build", e);
    }
  }

  public void app(Context ctx) throws IOException {
    Http.allowQuery(ctx, "lang", "parcel");
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache")
        .result(Files.readAllBytes(cfg.webDir.resolve("app.html")));
  }

  public void clientConfig(Context ctx) {
    Http.allowQuery(ctx);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("basemapUrl", cfg.basemapUrl);
    m.put("basemapAttribution", cfg.basemapAttribution);
    ctx.json(m);
  }

  public void openapi(Context ctx) {
    Http.allowQuery(ctx);
    ctx.contentType("application/vnd.oai.openapi+json;version=3.0").result(openapi);
  }
}
