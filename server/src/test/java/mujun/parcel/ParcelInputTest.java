package mujun.parcel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import mujun.error.ApiError;
import mujun.http.Json;
import org.junit.jupiter.api.Test;

class ParcelInputTest {
  private static ObjectNode body(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }

  private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[113,34],[113.001,34],[113.001,34.001],[113,34.001],[113,34]]]}";

  @Test
  void fullInputMapsApiNamesToColumns() throws Exception {
    ParcelInput in = ParcelInput.parse(body("{\"code\":\"410184003007gb00123\",\"landUseScheme\":\"GB/T 21010-2017\",\"landUseCode\":\"0601\","
        + "\"floorAreaRatio\":1.2,\"supplyDate\":\"2020-05-01\",\"geometry\":" + SQUARE + ",\"reason\":\"new\"}"), true);
    assertThat(in.values).containsEntry("code", "410184003007GB00123").containsEntry("floor_area_ratio", new BigDecimal("1.2"));
    assertThat(in.geometry.getGeometryType()).isEqualTo("Polygon");
    assertThat(in.reason).isEqualTo("new");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> ParcelInput.parse(body("{\"code\":\"123\",\"floorAreaRatio\":-1,\"buildingCoveragePct\":140,"
        + "\"agreedStartDate\":\"2021-01-01\",\"agreedCompletionDate\":\"2020-01-01\",\"supplyDate\":\"yesterday\"}"), true))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status).isEqualTo(422);
          assertThat(e.code).isEqualTo("VALIDATION_FAILED");
          assertThat(e.getMessage()).contains("code", "floorAreaRatio", "buildingCoveragePct", "agreedCompletionDate", "supplyDate", "geometry is required");
        });
  }

  @Test
  void pointGeometryIsRefused() {
    assertThatThrownBy(() -> ParcelInput.parse(body("{\"geometry\":{\"type\":\"Point\",\"coordinates\":[113,34]}}"), false))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("GEOMETRY_TYPE"));
  }

  @Test
  void brokenCoordinatesAreRefused() {
    assertThatThrownBy(() -> ParcelInput.parse(body("{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[\"a\",1]]]}}"), false))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code).isEqualTo("GEOMETRY_MALFORMED"));
  }

  @Test
  void wrongTypesAreRefused() {
    assertThatThrownBy(() -> ParcelInput.parse(body("{\"holderId\":\"12; DROP TABLE parcel\",\"rightType\":\"owned\"}"), false))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage()).contains("holderId must be a whole number", "rightType"));
  }

  @Test
  void partialInputCarriesOnlyWhatIsPresent() throws Exception {
    ParcelInput in = ParcelInput.parse(body("{\"remarks\":\"x\"}"), false);
    assertThat(in.values).containsOnlyKeys("remarks");
    assertThat(in.geometry).isNull();
  }
}
