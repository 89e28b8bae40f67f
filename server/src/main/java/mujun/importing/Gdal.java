package mujun.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * Runs GDAL's command-line tools out of process, so a malformed file cannot crash the server. Network access is
 * disabled for them, every path they get was made by {@link Quarantine}, and their messages are cleaned of paths.
 */
public final class Gdal {
  private final long timeoutSeconds;

  public Gdal(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** What a tool printed. */
  public record Result(int exit, String out, String err) {}

  public Result run(List<String> cmd, Map<String, String> env, Path workDir) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    Map<String, String> e = pb.environment();
    e.put("GDAL_HTTP_TIMEOUT", "1");
    e.put("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".mujun-none");
    e.put("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    e.put("OGR_GEOJSON_MAX_OBJ_SIZE", "0");
    e.put("CPL_DEBUG", "OFF");
    e.putAll(env);
    try {
      Path errFile = Files.createTempFile(workDir, "gdal", ".err");
      Path outFile = Files.createTempFile(workDir, "gdal", ".out");
      pb.redirectError(errFile.toFile()).redirectOutput(outFile.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw ApiError.unprocessable("GDAL_TIMEOUT", "Reading the file took longer than " + timeoutSeconds + " s; it may be damaged or far too large.", null);
      }
      String out = Files.readString(outFile, StandardCharsets.UTF_8), err = Files.readString(errFile, StandardCharsets.UTF_8);
      Files.deleteIfExists(errFile);
      Files.deleteIfExists(outFile);
      return new Result(p.exitValue(), out, err);
    } catch (IOException e1) {
      throw new IllegalStateException("cannot run " + cmd.get(0) + ": is gdal-bin installed?", e1);
    } catch (InterruptedException e1) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e1);
    }
  }

  /**
   * Summarises one file as ogrinfo -so does (GDAL 3.6 has no -json): layers with name, geometry type, feature count,
   * extent and fields, and the layer SRS as PROJJSON from gdalsrsinfo. Shaped like later GDAL's ogrinfo -json.
   */
  public JsonNode info(Path dataset, List<String> openOptions) {
    List<String> cmd = new ArrayList<>(List.of("ogrinfo", "-so", "-ro", "-al", "-nomd"));
    for (String o : openOptions) {
      cmd.add("-oo");
      cmd.add(o);
    }
    cmd.add(dataset.toString());
    Result r = run(cmd, Map.of(), dataset.getParent());
    if (r.exit() != 0 || !r.out().contains("Layer name:")) {
      throw ApiError.unprocessable("UNREADABLE_FILE", "GDAL cannot read this file: " + clean(r.err(), dataset.getParent()), null);
    }
    com.fasterxml.jackson.databind.node.ObjectNode root = parseInfo(r.out());
    com.fasterxml.jackson.databind.node.ArrayNode layers = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("layers");
    if (layers.size() == 1) {
      Result srs = run(List.of("gdalsrsinfo", "-o", "projjson", dataset.toString()), Map.of(), dataset.getParent());
      if (srs.exit() == 0 && srs.out().contains("{")) {
        try {
          ((com.fasterxml.jackson.databind.node.ObjectNode) layers.get(0).get("geometryFields").get(0)).putObject("coordinateSystem")
              .set("projjson", Json.MAPPER.readTree(srs.out().substring(srs.out().indexOf('{'))));
        } catch (IOException e) {
          // no readable SRS: the import will ask for one
        }
      }
    }
    return root;
  }

  /** Parses the text of ogrinfo -so -al: layers with name, geometry type, feature count, extent and fields. */
  static com.fasterxml.jackson.databind.node.ObjectNode parseInfo(String text) {
    com.fasterxml.jackson.databind.node.ObjectNode root = Json.MAPPER.createObjectNode();
    com.fasterxml.jackson.databind.node.ArrayNode layers = root.putArray("layers");
    com.fasterxml.jackson.databind.node.ObjectNode layer = null;
    java.util.regex.Pattern field = java.util.regex.Pattern.compile("^(\\S[^:]*): (String|Integer|Integer64|Real|Date|DateTime|Time|Binary|StringList|IntegerList|RealList|Integer64List) \\(");
    java.util.regex.Pattern extent = java.util.regex.Pattern.compile("^Extent: \\(([-0-9.eE+]+), ([-0-9.eE+]+)\\) - \\(([-0-9.eE+]+), ([-0-9.eE+]+)\\)");
    for (String line : text.split("\n")) {
      if (line.startsWith("Layer name: ")) {
        layer = layers.addObject();
        layer.put("name", line.substring(12).strip());
        layer.putArray("fields");
        layer.putArray("geometryFields").addObject();
        continue;
      }
      if (layer == null) continue;
      com.fasterxml.jackson.databind.node.ObjectNode gf = (com.fasterxml.jackson.databind.node.ObjectNode) layer.get("geometryFields").get(0);
      if (line.startsWith("Geometry: ")) gf.put("type", line.substring(10).strip());
      else if (line.startsWith("Feature Count: ")) layer.put("featureCount", Long.parseLong(line.substring(15).strip()));
      else {
        java.util.regex.Matcher m = extent.matcher(line);
        if (m.find()) {
          com.fasterxml.jackson.databind.node.ArrayNode e = gf.putArray("extent");
          for (int i = 1; i <= 4; i++) e.add(Double.parseDouble(m.group(i)));
          continue;
        }
        java.util.regex.Matcher f = field.matcher(line);
        if (f.find()) ((com.fasterxml.jackson.databind.node.ArrayNode) layer.get("fields")).addObject().put("name", f.group(1)).put("type", f.group(2));
      }
    }
    return root;
  }

  /** Removes folder paths from a tool's message and keeps its first meaningful lines. */
  static String clean(String err, Path dir) {
    String s = err == null ? "" : err.replace(dir.toString() + "/", "").replace(dir.toString(), "");
    s = s.replaceAll("(/[\\w.-]+)+/", "");
    List<String> lines = new ArrayList<>();
    for (String l : s.split("\n")) {
      l = l.replaceFirst("^ERROR \\d+: ", "").strip();
      if (!l.isEmpty() && !l.startsWith("Warning")) lines.add(l);
      if (lines.size() == 2) break;
    }
    String out = String.join(" ", lines);
    out = out.replaceAll("\\p{Cntrl}", " ");
    return out.isEmpty() ? "unknown error." : out.length() > 200 ? out.substring(0, 200) + "…" : out;
  }
}
