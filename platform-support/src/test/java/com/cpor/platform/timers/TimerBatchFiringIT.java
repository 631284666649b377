package com.cpor.platform.timers;

import com.cpor.platform.config.PlatformProperties;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Due timers fire in batches, one transaction each, handed to the handler set-based; a batch that fails falls back to
 * one transaction per timer. Each test fires its own kind with its own poller instances (the application's live
 * pollers have no handler for it), so it decides exactly when firing passes run.
 */
@ServiceIntegrationTest
class TimerBatchFiringIT {

    private static final String POISON = "poison";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DurableTimers timers;
    @Autowired
    PlatformProperties properties;

    @Test
    void due_timers_are_handed_to_their_handler_in_batches_of_distinct_claims_in_due_order_and_fire_once() {
        RecordingHandler handler = new RecordingHandler("batch-" + UUID.randomUUID());
        TimerPoller instance = poller(handler);
        String first = "c-" + UUID.randomUUID();
        String second = "c-" + UUID.randomUUID();
        String third = "c-" + UUID.randomUUID();
        Instant now = databaseNow();
        schedule(handler.kind(), List.of(first, second, first, third), now);

        assertThat(instance.fireDueTimers()).isEqualTo(4);

        // the second timer of the first claim starts a new run: a firing may change its own claim's timers
        assertThat(handler.calls).containsExactly(
                List.of(first + ":0", second + ":1"),
                List.of(first + ":2", third + ":3"));
        assertThat(effects(handler.kind())).containsExactly(first + ":0", second + ":1", first + ":2", third + ":3");
        assertThat(jdbc.sql("SELECT count(*) FROM durable_timer WHERE kind = ? AND state = 'FIRED' AND attempts = 1")
                .param(handler.kind()).query(Long.class).single()).isEqualTo(4);
        assertThat(instance.fireDueTimers()).as("a pass after they fired").isZero();
        assertThat(effects(handler.kind())).hasSize(4);
    }

    @Test
    void a_poison_timer_in_a_batch_neither_blocks_nor_loses_its_neighbours_and_fails_alone() {
        RecordingHandler handler = new RecordingHandler("poisoned-batch-" + UUID.randomUUID());
        TimerPoller instance = poller(handler);
        List<String> claims = IntStream.range(0, 5).mapToObj(i -> "c-" + UUID.randomUUID()).toList();
        Instant now = databaseNow();
        schedule(handler.kind(), claims, now);
        String poisoned = claims.get(2) + ":2";
        transactions.executeWithoutResult(status -> jdbc.sql("UPDATE durable_timer SET payload = ? WHERE timer_id = ?")
                .params(POISON, poisoned).update());

        assertThat(instance.fireDueTimers()).isEqualTo(4);

        // the batch recorded its neighbours' effects before the poison failed it: rolled back, then each fired alone
        assertThat(handler.calls.getFirst()).hasSize(5);
        assertThat(effects(handler.kind())).containsExactlyInAnyOrder(
                claims.get(0) + ":0", claims.get(1) + ":1", claims.get(3) + ":3", claims.get(4) + ":4");
        assertThat(jdbc.sql("SELECT state || ' ' || attempts || ' ' || last_error FROM durable_timer WHERE timer_id = ?")
                .param(poisoned).query(String.class).single()).isEqualTo("PENDING 1 poison timer " + poisoned);
        assertThat(jdbc.sql("SELECT count(*) FROM durable_timer WHERE kind = ? AND state = 'FIRED'")
                .param(handler.kind()).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void concurrent_instances_fire_each_timer_once_and_each_claim_in_due_order() {
        RecordingHandler handler = new RecordingHandler("instances-" + UUID.randomUUID());
        List<TimerPoller> instances = List.of(poller(handler), poller(handler), poller(handler));
        List<String> claims = IntStream.range(0, 60).mapToObj(i -> "c-" + UUID.randomUUID()).toList();
        List<String> owners = new ArrayList<>();
        IntStream.range(0, 6).forEach(round -> owners.addAll(claims)); // 360 timers: several batches per instance
        schedule(handler.kind(), owners, databaseNow());

        List<CompletableFuture<Void>> passes = instances.stream().map(instance -> CompletableFuture.runAsync(() -> {
            while (pending(handler.kind()) > 0) {
                instance.fireDueTimers();
            }
        })).toList();
        passes.forEach(CompletableFuture::join);

        List<String> fired = effects(handler.kind());
        assertThat(fired).hasSize(owners.size()).doesNotHaveDuplicates();
        Map<String, List<Integer>> orderPerClaim = fired.stream().collect(Collectors.groupingBy(
                id -> id.substring(0, id.lastIndexOf(':')),
                Collectors.mapping(id -> Integer.parseInt(id.substring(id.lastIndexOf(':') + 1)), Collectors.toList())));
        orderPerClaim.values().forEach(order -> assertThat(order).isSortedAccordingTo(Comparator.naturalOrder()));
    }

    private TimerPoller poller(TimerHandler handler) {
        return new TimerPoller(jdbc, transactions, List.of(handler), properties.timers(), TimerClock.DATABASE,
                new SimpleMeterRegistry(), Clock.systemUTC());
    }

    /** Timer {@code i} of the list belongs to claim {@code owners[i]}, id {@code <claim>:<i>}, due in list order. */
    private void schedule(String kind, List<String> owners, Instant now) {
        transactions.executeWithoutResult(status -> IntStream.range(0, owners.size()).forEach(i ->
                timers.schedule(owners.get(i) + ":" + i, kind, owners.get(i),
                        now.minus(Duration.ofSeconds(owners.size() - i)), "ok")));
    }

    private Instant databaseNow() {
        return jdbc.sql("SELECT now()").query(java.sql.Timestamp.class).single().toInstant();
    }

    private long pending(String kind) {
        return jdbc.sql("SELECT count(*) FROM durable_timer WHERE kind = ? AND state = 'PENDING'").param(kind)
                .query(Long.class).single();
    }

    /** Committed effects of the kind's firings, in the order they were written. */
    private List<String> effects(String kind) {
        return jdbc.sql("SELECT what FROM test_effect WHERE claim_id = ? ORDER BY id").param(kind)
                .query(String.class).list();
    }

    /**
     * Records each firing as a committed effect (claim_id = kind, what = timer id) and each batch call; a timer
     * whose payload is {@value #POISON} fails, in a batch after its neighbours' effects were written.
     */
    private final class RecordingHandler implements TimerHandler {

        private final String kind;
        final List<List<String>> calls = new CopyOnWriteArrayList<>();

        RecordingHandler(String kind) {
            this.kind = kind;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public void onDue(DueTimer timer) {
            if (POISON.equals(timer.payload())) {
                throw new IllegalStateException("poison timer " + timer.timerId());
            }
            jdbc.sql("INSERT INTO test_effect (claim_id, what) VALUES (?, ?)").params(kind, timer.timerId()).update();
        }

        @Override
        public void onAllDue(List<DueTimer> due) {
            calls.add(due.stream().map(DueTimer::timerId).toList());
            due.stream().filter(timer -> !POISON.equals(timer.payload())).forEach(this::onDue);
            due.stream().filter(timer -> POISON.equals(timer.payload())).forEach(this::onDue);
        }
    }
}
