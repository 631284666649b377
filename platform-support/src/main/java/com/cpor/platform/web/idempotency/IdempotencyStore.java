package com.cpor.platform.web.idempotency;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code idempotency_key} table (platform migration, so every service's database has its own). The primary
 * key (caller, key) lets exactly one of concurrent requests claim a key; the others see it in progress.
 */
public class IdempotencyStore {

    /** What a request with a key finds. */
    public sealed interface Claim {
        /** The key is new: this request runs and its answer is stored. */
        record Claimed() implements Claim {
        }

        /** The same key came with another request (method, path or body). */
        record OtherRequest() implements Claim {
        }

        /** The first request with this key is still running (or ended without storing its answer). */
        record InProgress() implements Claim {
        }

        record Answered(StoredResponse response) implements Claim {
        }
    }

    private final JdbcClient jdbc;
    private final Duration retention;

    public IdempotencyStore(JdbcClient jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    public Claim claim(String caller, String key, String requestHash) {
        if (insert(caller, key, requestHash)) {
            return new Claim.Claimed();
        }
        // a key older than the retention is forgotten even if the purge has not come by yet
        int expired = jdbc.sql("""
                        DELETE FROM idempotency_key WHERE caller = :caller AND idempotency_key = :key
                        AND created_at < now() - :keepSeconds * interval '1 second'""")
                .param("caller", caller).param("key", key).param("keepSeconds", retention.toSeconds()).update();
        if (expired > 0 && insert(caller, key, requestHash)) {
            return new Claim.Claimed();
        }
        Optional<Claim> found = jdbc.sql("""
                        SELECT request_hash, status, content_type, location, etag, body FROM idempotency_key
                        WHERE caller = :caller AND idempotency_key = :key""")
                .param("caller", caller).param("key", key)
                .query((rs, row) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        return (Claim) new Claim.OtherRequest();
                    }
                    int status = rs.getInt("status");
                    if (rs.wasNull()) {
                        return new Claim.InProgress();
                    }
                    return new Claim.Answered(new StoredResponse(status, rs.getString("content_type"),
                            rs.getString("location"), rs.getString("etag"), rs.getBytes("body")));
                })
                .optional();
        // deleted between the insert and the read (its first request failed): this one may run it
        return found.orElseGet(() -> insert(caller, key, requestHash) ? new Claim.Claimed() : new Claim.InProgress());
    }

    public void complete(String caller, String key, StoredResponse response) {
        jdbc.sql("""
                        UPDATE idempotency_key SET status = :status, content_type = :contentType, location = :location,
                        etag = :etag, body = :body WHERE caller = :caller AND idempotency_key = :key""")
                .param("status", response.status()).param("contentType", response.contentType())
                .param("location", response.location()).param("etag", response.etag()).param("body", response.body())
                .param("caller", caller).param("key", key)
                .update();
    }

    /** The request failed and changed nothing: a retry with the key runs again. */
    public void release(String caller, String key) {
        jdbc.sql("DELETE FROM idempotency_key WHERE caller = :caller AND idempotency_key = :key AND status IS NULL")
                .param("caller", caller).param("key", key).update();
    }

    private boolean insert(String caller, String key, String requestHash) {
        return jdbc.sql("""
                        INSERT INTO idempotency_key (caller, idempotency_key, request_hash)
                        VALUES (:caller, :key, :hash) ON CONFLICT DO NOTHING""")
                .param("caller", caller).param("key", key).param("hash", requestHash)
                .update() == 1;
    }
}
