package mujun.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CreditCodeTest {
  /** Published codes (company registers) with their check characters. */
  @Test
  void knownPublishedCodesAreValid() {
    assertThat(CreditCode.isValid("91350100M000100Y43")).isTrue();
    assertThat(CreditCode.isValid("91110000802100433B")).isTrue();
  }

  @Test
  void checkCharacterComputedByHand() {
    // Values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4 with weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
    // sum to 1640; 1640 mod 31 = 28; 31 - 28 = 3, so the check character is '3'.
    assertThat(CreditCode.checkChar("91350100M000100Y4")).isEqualTo('3');
  }

  @Test
  void changedCharacterBreaksTheCheck() {
    assertThat(CreditCode.problem("91350100M000100Y44")).get().asString().contains("expected 3");
  }

  @Test
  void forbiddenLettersAreRefused() {
    assertThat(CreditCode.problem("91350100M000100I43")).get().asString().contains("Character 16");
  }

  @Test
  void lengthIsChecked() {
    assertThat(CreditCode.problem("9135010")).get().asString().contains("18 characters");
  }

  @Test
  void generatedOrganizationCodesCarryTheirCheckCharacter() {
    // GB 11714: 1·3 + 2·7 + 3·9 + 4·10 + 5·5 + 6·8 + 7·4 + 8·2 = 201; 201 mod 11 = 3; 11 − 3 = 8.
    assertThat(CreditCode.orgCheckChar("12345678")).isEqualTo('8');
    // 0·3 + … + 0·2 = 0 → 11 − 0 = 11 → '0'
    assertThat(CreditCode.orgCheckChar("00000000")).isEqualTo('0');
    assertThatThrownBy(() -> CreditCode.checkChar("123")).isInstanceOf(IllegalArgumentException.class);
  }
}
