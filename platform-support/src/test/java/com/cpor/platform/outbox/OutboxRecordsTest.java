package com.cpor.platform.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the relay makes of a row without a broker: the record it sends (CloudEvents binary mode, docs/asyncapi.yaml)
 * and which failures park a row for good. Sending, parking and deleting are SQL and Kafka: MessagingFoundationIT and
 * MessagingResilienceIT.
 */
class OutboxRecordsTest {

    private static final Instant OCCURRED = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void a_row_goes_out_keyed_by_its_claim_with_the_cloud_events_attributes_and_its_cause_s_trace() {
        OutboxRelay.OutboxRow row = new OutboxRelay.OutboxRow(7, "3f2c1d7e-0000-4000-8000-000000000001",
                "cpor.claims.v1", "c-1", "claim.submitted", "{\"claimId\":\"c-1\"}", OCCURRED,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        ProducerRecord<String, Object> record = OutboxRelay.toRecord(row, "/cpor/claim-service");

        assertThat(record.topic()).isEqualTo("cpor.claims.v1");
        assertThat(record.key()).isEqualTo("c-1");
        assertThat(record.value()).isEqualTo("{\"claimId\":\"c-1\"}");
        assertThat(headers(record)).containsExactly(
                Map.entry("ce_id", "3f2c1d7e-0000-4000-8000-000000000001"),
                Map.entry("ce_type", "claim.submitted"),
                Map.entry("ce_source", "/cpor/claim-service"),
                Map.entry("ce_time", "2026-11-20T10:00:00Z"),
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_subject", "c-1"),
                Map.entry("content-type", "application/json"),
                Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }

    @Test
    void a_row_recorded_outside_a_trace_carries_no_traceparent() {
        OutboxRelay.OutboxRow row = new OutboxRelay.OutboxRow(8, "id", "cpor.reviews.v1", "c-2", "review.started",
                "{}", OCCURRED, null);

        assertThat(headers(OutboxRelay.toRecord(row, "/cpor/review-service"))).doesNotContainKey("traceparent")
                .hasSize(7);
    }

    @Test
    void records_the_broker_can_never_take_are_refusals_however_deeply_they_are_wrapped() {
        assertThat(OutboxRelay.refusalOf(new RecordTooLargeException("The message is 2000000 bytes")))
                .isEqualTo("RecordTooLargeException: The message is 2000000 bytes");
        assertThat(OutboxRelay.refusalOf(new ExecutionException(new KafkaException("send failed",
                new SerializationException("cannot serialize")))))
                .isEqualTo("SerializationException: cannot serialize");
        assertThat(OutboxRelay.refusalOf(new CompletionException(new InvalidTopicException("bad topic"))))
                .isEqualTo("InvalidTopicException: bad topic");
    }

    @Test
    void passing_failures_are_not_refusals_and_the_row_stays_for_the_next_round() {
        assertThat(OutboxRelay.refusalOf(new TimeoutException("Expiring 1 record(s)"))).isNull();
        assertThat(OutboxRelay.refusalOf(new ExecutionException(new KafkaException("broker down")))).isNull();
        assertThat(OutboxRelay.refusalOf(null)).isNull();
    }

    @Test
    void a_refusal_reason_is_kept_to_2000_characters() {
        String reason = OutboxRelay.refusalOf(new RecordTooLargeException("x".repeat(5000)));

        assertThat(reason).hasSize(2000).startsWith("RecordTooLargeException: xxx");
        assertThat(OutboxRelay.refusalOf(new RecordTooLargeException("x".repeat(2000 - "RecordTooLargeException: ".length()))))
                .hasSize(2000);
    }

    private static Map<String, String> headers(ProducerRecord<String, Object> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
