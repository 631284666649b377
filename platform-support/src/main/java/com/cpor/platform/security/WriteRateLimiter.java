package com.cpor.platform.security;

import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per caller key: {@code burst} tokens, refilled at {@code writesPerSecond}. Memory stays bounded:
 * when more than {@code maxCallers} buckets exist, buckets that have refilled completely (indistinguishable
 * from new ones) are dropped, and if that is not enough the least recently used are. A caller that keeps
 * writing stays recently used, so it cannot shed its debt by having its bucket evicted.
 */
public class WriteRateLimiter {

    private final double tokensPerNano;
    private final int burst;
    private final int maxCallers;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public WriteRateLimiter(double writesPerSecond, int burst, int maxCallers) {
        this(writesPerSecond, burst, maxCallers, System::nanoTime);
    }

    WriteRateLimiter(double writesPerSecond, int burst, int maxCallers, LongSupplier nanoTime) {
        if (writesPerSecond <= 0 || burst < 1 || maxCallers < 1) {
            throw new IllegalArgumentException("writes-per-second and burst must be positive");
        }
        this.tokensPerNano = writesPerSecond / 1_000_000_000d;
        this.burst = burst;
        this.maxCallers = maxCallers;
        this.nanoTime = nanoTime;
    }

    /** Takes one token for the caller; empty when allowed, otherwise how long until a token is available. */
    public Decision tryAcquire(String callerKey) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(callerKey, key -> new Bucket(burst, now));
        Decision decision;
        synchronized (bucket) {
            bucket.refill(now);
            bucket.lastUsed = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                decision = Decision.ALLOWED;
            } else {
                long waitNanos = (long) Math.ceil((1 - bucket.tokens) / tokensPerNano);
                decision = new Decision(false, Duration.ofNanos(waitNanos));
            }
        }
        if (buckets.size() > maxCallers) {
            evict(now);
        }
        return decision;
    }

    int trackedCallers() {
        return buckets.size();
    }

    private void evict(long now) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.tokens >= burst;
            }
        });
        // refilling above moved every lastRefill to now: order by last use, which only callers move
        Iterator<Map.Entry<String, Bucket>> oldest = buckets.entrySet().stream()
                .sorted(Comparator.comparingLong(entry -> entry.getValue().lastUsed))
                .iterator();
        while (buckets.size() > maxCallers && oldest.hasNext()) {
            buckets.remove(oldest.next().getKey());
        }
    }

    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** Whole seconds for a {@code Retry-After} header, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L);
        }
    }

    private final class Bucket {
        private double tokens;
        private long lastRefill;
        private volatile long lastUsed;

        private Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastRefill = now;
            this.lastUsed = now;
        }

        private void refill(long now) {
            long elapsed = Math.max(0, now - lastRefill);
            tokens = Math.min(burst, tokens + elapsed * tokensPerNano);
            lastRefill = now;
        }
    }
}
