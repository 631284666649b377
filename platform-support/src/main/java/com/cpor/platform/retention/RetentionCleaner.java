package com.cpor.platform.retention;

import com.cpor.platform.background.PollingLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Purges what is past its retention, in batches of {@code batchSize} rows, one short transaction each. Each batch
 * first takes a transaction-scoped advisory lock; when another instance holds it, that instance is purging and
 * this one skips the round, so instances never compete for the same rows.
 */
public class RetentionCleaner extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(RetentionCleaner.class);
    /** Advisory-lock key of "an instance is purging" (the one-key form). */
    static final long PURGE_LOCK_KEY = 0x43504f5252455401L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final List<RetentionTask> tasks;
    private final int batchSize;
    private final Map<String, Counter> purged = new LinkedHashMap<>();

    public RetentionCleaner(JdbcClient jdbc, TransactionTemplate transactions, List<RetentionTask> tasks,
                            RetentionProperties settings, MeterRegistry meters) {
        super("retention", settings.interval(), settings.enabled() && !tasks.isEmpty());
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.tasks = List.copyOf(tasks);
        this.batchSize = settings.batchSize();
        for (RetentionTask task : tasks) {
            purged.put(task.name(), Counter.builder("cpor.retention.purged").tag("what", task.name())
                    .description("Rows deleted (or emptied) after their retention").register(meters));
        }
    }

    /**
     * Purges everything past its retention now.
     *
     * @return rows purged per task; empty when another instance is purging
     */
    public Map<String, Integer> purgeAll() {
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (RetentionTask task : tasks) {
            int total = 0;
            int batch;
            do {
                Integer done = transactions.execute(status -> {
                    boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(PURGE_LOCK_KEY)
                            .query(Boolean.class).single();
                    return mine ? task.purge(batchSize) : null;
                });
                if (done == null) {
                    return Map.of();
                }
                batch = done;
                total += batch;
                purged.get(task.name()).increment(batch);
            } while (batch == batchSize && !Thread.currentThread().isInterrupted());
            if (total > 0) {
                log.info("Retention purged {} rows of {}", total, task.name());
            }
            totals.put(task.name(), total);
        }
        return totals;
    }

    @Override
    protected Duration round() {
        purgeAll();
        return pollInterval();
    }
}
