package io.realtimepipelines.benchmarks.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.model.Attributes;
import io.realtimepipelines.model.Transaction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** Every field of a transaction and both kinds of findings survive the reference's serializer. */
class ScoredTransactionSerializerTest {

  private static ScoredTransaction roundTrip(ScoredTransaction s) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    ScoredTransactionSerializer.INSTANCE.serialize(s, out);
    return ScoredTransactionSerializer.INSTANCE.deserialize(
        new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void fullTransactionWithAttributesAndFindingsComesBackEqual() throws Exception {
    Transaction t =
        Transaction.builder()
            .setTxnId("txn-1")
            .setAccountId("acct-1")
            .setCardId("card-1")
            .setAmount(new BigDecimal("123456789012345678901234.5678"))
            .setCurrency("EUR")
            .setMerchantId("m-1")
            .setMerchantCategory("5411")
            .setIp("2001:db8::1")
            .setDeviceId("dev-ü")
            .setCountry("DE")
            .setLat(52.52)
            .setLon(13.405)
            .setTimestamp(Instant.parse("2026-11-23T10:00:17.559Z"))
            .setAttributes(Attributes.of(Map.of("channel", "app", "risk", 0.75, "firstUse", true)))
            .build();
    List<Finding> findings =
        List.of(
            Finding.of("velocity", "6 transactions in 10 min"),
            Finding.user("my_rule", "device shared by 4 accounts"));
    ScoredTransaction back = roundTrip(new ScoredTransaction(t, 1234L, findings));
    assertEquals(t, back.txn);
    assertEquals(1234L, back.offset);
    assertEquals(findings, back.findings);
  }

  @Test
  void minimalTransactionComesBackEqual() throws Exception {
    Transaction t =
        Transaction.builder()
            .setTxnId("t")
            .setAccountId("a")
            .setAmount(new BigDecimal("0.01"))
            .setMerchantId("m")
            .setTimestamp(new Instant(0))
            .build();
    ScoredTransaction back = roundTrip(ScoredTransaction.of(t, 0));
    assertEquals(t, back.txn);
    assertEquals(List.of(), back.findings);
  }
}
