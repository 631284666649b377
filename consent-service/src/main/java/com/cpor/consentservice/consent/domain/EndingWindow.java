package com.cpor.consentservice.consent.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A consent window as its timer closes it: identity and state, without the claim it is about. Closing a window needs
 * nothing of the claim, so a batch of ending windows is loaded and locked without reading or parsing their claim
 * snapshots (issue 13: 100,000 windows ending at once). {@link ConsentWindow#elapse} applies the same rule.
 *
 * @param windowEndsAt when the window ended (the {@code consent.window-elapsed} event's {@code windowEndedAt})
 */
public record EndingWindow(String consentId, String claimId, ConsentStatus status, NoticeState notice,
                           Instant windowEndsAt, Instant closedAt) {

    public EndingWindow {
        Objects.requireNonNull(consentId);
        Objects.requireNonNull(claimId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(notice);
        Objects.requireNonNull(windowEndsAt);
    }

    /**
     * The timer fired: only a window that is open and has started (its customer's notice was delivered) elapses.
     *
     * @return the window elapsed at {@code now}, or empty if it stays as it is
     */
    public Optional<EndingWindow> elapse(Instant now) {
        if (status != ConsentStatus.OPEN || notice != NoticeState.DELIVERED) {
            return Optional.empty();
        }
        return Optional.of(new EndingWindow(consentId, claimId, ConsentStatus.ELAPSED, notice, windowEndsAt,
                Objects.requireNonNull(now)));
    }
}
