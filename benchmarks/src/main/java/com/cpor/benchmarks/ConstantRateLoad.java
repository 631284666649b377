package com.cpor.benchmarks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Open-model load: operation {@code i} is due at {@code start + i / rate}, whether or not earlier ones finished,
 * and runs on its own virtual thread. The operation receives its intended start (nanoTime) and measures latency
 * from there, so a stalled server shows up as latency instead of as fewer requests (no coordinated omission).
 */
final class ConstantRateLoad {

    private ConstantRateLoad() {
    }

    /** Runs {@code operation} at {@code perSecond} for {@code duration}, then waits up to {@code drain} for stragglers. */
    static int run(double perSecond, Duration duration, Duration drain, LongConsumer operation) {
        return run(perSecond, duration, drain, () -> false, operation);
    }

    /** As above, but stops scheduling early once {@code stop} says so. */
    static int run(double perSecond, Duration duration, Duration drain, BooleanSupplier stop, LongConsumer operation) {
        long interval = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime() + 5_000_000L;
        long end = start + duration.toNanos();
        int started = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long intended = start; intended < end && !stop.getAsBoolean(); intended += interval) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long due = intended;
                threads.submit(() -> operation.accept(due));
                started++;
            }
            threads.shutdown();
            try {
                threads.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            threads.shutdownNow();
        }
        return started;
    }
}
