package mujun.parcel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParcelCodeTest {
  @Test
  void stateConstructionLandCodeIsValid() {
    assertThat(ParcelCode.problem("410184003007GB00123")).isEmpty();
    assertThat(ParcelCode.isValid("410184003007JA00001")).isTrue();
  }

  @Test
  void wrongLengthIsRefusedWithItsLength() {
    assertThat(ParcelCode.problem("410184003007GB0012")).get().asString().contains("18");
  }

  @Test
  void fullRealEstateUnitCodeIsExplained() {
    assertThat(ParcelCode.problem("410184003007GB00123F00010001")).get().asString().contains("first 19");
  }

  @Test
  void ownershipLetterMustBeGJOrZ() {
    assertThat(ParcelCode.problem("410184003007XB00123")).get().asString().contains("G (state)");
  }

  @Test
  void nonDigitCountyCodeIsRefused() {
    assertThat(ParcelCode.problem("41018A003007GB00123")).get().asString().contains("position 6");
  }

  @Test
  void sequenceMustBeDigitsAndNotZero() {
    assertThat(ParcelCode.isValid("410184003007GB0012A")).isFalse();
    assertThat(ParcelCode.isValid("410184003007GB00000")).isFalse();
  }

  @Test
  void rightTypeMustBeCapitalLetter() {
    assertThat(ParcelCode.isValid("410184003007Gb00123")).isFalse();
    assertThat(ParcelCode.isValid("410184003007G100123")).isFalse();
  }

  @Test
  void missingCodeIsRefused() {
    assertThat(ParcelCode.isValid(null)).isFalse();
    assertThat(ParcelCode.isValid("")).isFalse();
  }
}
