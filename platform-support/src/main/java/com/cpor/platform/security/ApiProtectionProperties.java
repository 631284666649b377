package com.cpor.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Defaults against hostile or runaway clients, under {@code cpor.security.*}; every value may be overridden.
 *
 * @param maxBodySize largest request body accepted on JSON and other non-form, non-multipart requests (multipart
 *                    bodies are limited by {@code spring.servlet.multipart.max-request-size})
 * @param maxFormSize largest form post ({@code application/x-www-form-urlencoded}, e.g. the consent page's decline)
 * @param rateLimit   per-partner limit on writes
 * @param tokenCache  validated bearer tokens remembered, so a client's next requests skip the signature check
 */
@ConfigurationProperties("cpor.security")
public record ApiProtectionProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("64KB") DataSize maxFormSize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue TokenCache tokenCache) {

    /**
     * @param enabled         whether writes are rate limited at all
     * @param writesPerSecond sustained writes (POST, PUT, PATCH, DELETE) per partner (or per user without partner)
     * @param burst           writes a caller may make at once before the sustained rate applies
     * @param maxCallers      callers whose buckets are kept in memory; idle full buckets are dropped first
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") double writesPerSecond,
            @DefaultValue("200") int burst,
            @DefaultValue("10000") int maxCallers) {
    }

    /**
     * @param enabled    whether validated tokens are remembered at all
     * @param maxAge     longest a token is remembered (never beyond its expiry): how long a token signed with a key the
     *                   issuer withdrew may still be accepted, as the JWKS cache of the decoder allows anyway
     * @param maxEntries tokens remembered at most; when full of unexpired ones the cache starts over
     */
    public record TokenCache(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5m") Duration maxAge,
            @DefaultValue("10000") int maxEntries) {
    }
}
