package mujun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import mujun.http.Json;
import mujun.parcel.ParcelFields;
import mujun.schema.Catalog;
import mujun.schema.Field.Use;

/**
 * The app API's OpenAPI document: {@code openapi.json} (paths and hand-written schemas) with the parcel's schemas built
 * from its description, so a new field appears in the document as it appears in the API.
 */
final class OpenApiDocument {
  private OpenApiDocument() {}

  static byte[] build(Catalog catalog) {
    ObjectNode doc;
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.json")) {
      doc = (ObjectNode) Json.tree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.json missing from the build", e);
    }
    ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
    // The write body: the written fields, then the outline, the reason and the repair switch as written by hand.
    ObjectNode input = (ObjectNode) schemas.get("ParcelInput");
    ObjectNode extra = (ObjectNode) input.get("properties");
    Map<String, Object> props = new LinkedHashMap<>(ParcelFields.FIELDS.openApiSchema(ParcelFields.FIELDS.with(Use.WRITE), catalog));
    for (String k : new String[] {"geometry", "reason", "repair"}) props.put(k, extra.get(k));
    input.set("properties", Json.MAPPER.valueToTree(props));
    ObjectNode feature = (ObjectNode) schemas.get("ParcelFeature").get("properties");
    ObjectNode properties = Json.MAPPER.createObjectNode().put("type", "object");
    properties.set("properties", Json.MAPPER.valueToTree(ParcelFields.FIELDS.openApiSchema(ParcelFields.FIELDS.with(Use.DETAIL), catalog)));
    feature.set("properties", properties);
    described(schemas, "EnterpriseInput", "Enterprise", mujun.enterprise.EnterpriseFields.FIELDS, catalog);
    described(schemas, "ClusterInput", "Cluster", mujun.cluster.ClusterFields.CLUSTER, catalog);
    described(schemas, "ParkInput", "Park", mujun.cluster.ClusterFields.PARK, catalog);
    return Json.write(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A feature's write body (its written fields before the hand-written extras) and its record, from its description. */
  private static void described(ObjectNode schemas, String input, String record, mujun.schema.Fields fields, Catalog catalog) {
    ObjectNode in = (ObjectNode) schemas.get(input);
    Map<String, Object> props = new LinkedHashMap<>(fields.openApiSchema(fields.with(Use.WRITE), catalog));
    in.get("properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue()));
    in.set("properties", Json.MAPPER.valueToTree(props));
    ObjectNode rec = (ObjectNode) schemas.get(record);
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("id", Map.of("type", "integer"));
    all.putAll(fields.openApiSchema(fields.all(), catalog));
    rec.set("properties", Json.MAPPER.valueToTree(all));
  }
}
