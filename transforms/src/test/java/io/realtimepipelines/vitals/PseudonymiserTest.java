package io.realtimepipelines.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {
  static byte[] key(int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  @Test
  void pseudonymIsTheTruncatedHmacSha256OfTheId() {
    // RFC 4231 test case 6: a 131-byte key of 0xaa.
    byte[] k = new byte[131];
    Arrays.fill(k, (byte) 0xaa);
    assertEquals(
        "pt-60e431591ee0b67f0d8a26aacbf5b77f",
        new Pseudonymiser(k).pseudonym("Test Using Larger Than Block-Size Key - Hash Key First"));
  }

  @Test
  void sameKeySameIdSamePseudonymAnotherKeyAnother() {
    assertEquals(
        new Pseudonymiser(key(1)).pseudonym("patient-00"),
        new Pseudonymiser(key(1)).pseudonym("patient-00"));
    assertNotEquals(
        new Pseudonymiser(key(1)).pseudonym("patient-00"),
        new Pseudonymiser(key(2)).pseudonym("patient-00"));
  }

  @Test
  void shortKeysAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Pseudonymiser("secret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deadLetterPayloadsHaveTheIdReplacedOrAreWithheld() {
    Pseudonymiser p = new Pseudonymiser(key(1));
    String pseudonym = p.pseudonym("patient-07");
    assertEquals(
        "{\"patientId\": \"" + pseudonym + "\",\"value\":\"x\"}",
        PseudonymisePatients.scrub("{\"patientId\": \"patient-07\",\"value\":\"x\"}", p));
    assertNull(PseudonymisePatients.scrub("{\"patientId\":\"pat\\\"ient\",\"value\":1}", p));
    assertNull(PseudonymisePatients.scrub("{\"patientId\":123}", p));
    assertNull(PseudonymisePatients.scrub("patient-07,72,bpm", p));
  }
}
