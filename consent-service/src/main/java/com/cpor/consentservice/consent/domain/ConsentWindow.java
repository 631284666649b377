package com.cpor.consentservice.consent.domain;

import com.cpor.events.ClaimSnapshot;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The customer's opt-out window for one approval of one claim. The customer link is bound to exactly this
 * window (by the hash of its token) and dies with it.
 */
public final class ConsentWindow {

    /** Locales the consent page speaks; anything else falls back to en-US. */
    public static final Set<Locale> SUPPORTED_LOCALES = Set.of(Locale.forLanguageTag("en-US"),
            Locale.forLanguageTag("zh-CN"), Locale.forLanguageTag("ru-RU"), Locale.forLanguageTag("pl-PL"),
            Locale.forLanguageTag("hu-HU"));
    public static final Locale FALLBACK_LOCALE = Locale.forLanguageTag("en-US");

    private final String consentId;
    private final String claimId;
    private final UUID openedByEventId;
    private final ClaimSnapshot claim;
    private final String tokenHash;
    private final Instant openedAt;
    private final UUID requestEventId;
    private Instant windowEndsAt;
    private NoticeState notice;
    private Instant noticeDeliveredAt;
    private ConsentStatus status;
    private Instant closedAt;
    private Declination declination;

    /**
     * @param requestEventId    the {@code consent.requested} event that asked for the customer's notice (null for
     *                          windows opened before notices were reported)
     * @param windowEndsAt      the end; while the notice is undelivered an estimate (as if delivered at opening)
     * @param noticeDeliveredAt when the notice was delivered: the window's real start
     */
    public ConsentWindow(String consentId, String claimId, UUID openedByEventId, ClaimSnapshot claim, String tokenHash,
                         Instant openedAt, Instant windowEndsAt, ConsentStatus status, Instant closedAt,
                         Declination declination, UUID requestEventId, NoticeState notice, Instant noticeDeliveredAt) {
        this.consentId = Objects.requireNonNull(consentId);
        this.claimId = Objects.requireNonNull(claimId);
        this.openedByEventId = Objects.requireNonNull(openedByEventId);
        this.claim = Objects.requireNonNull(claim);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.openedAt = Objects.requireNonNull(openedAt);
        this.windowEndsAt = Objects.requireNonNull(windowEndsAt);
        this.status = Objects.requireNonNull(status);
        this.closedAt = closedAt;
        this.declination = declination;
        this.requestEventId = requestEventId;
        this.notice = Objects.requireNonNull(notice);
        this.noticeDeliveredAt = noticeDeliveredAt;
    }

    /**
     * Opens a window for an approval, held until the customer's notice is delivered; the link token itself is never
     * kept, only its hash.
     *
     * @param estimatedEnd the end if the notice were delivered at once
     */
    public static ConsentWindow open(String consentId, UUID approvalEventId, ClaimSnapshot claim, String tokenHash,
                                     Instant openedAt, Instant estimatedEnd, UUID requestEventId) {
        if (!estimatedEnd.isAfter(openedAt)) {
            throw new IllegalArgumentException("A consent window must end after it opens");
        }
        return new ConsentWindow(consentId, claim.claimId(), approvalEventId, claim, tokenHash, openedAt,
                estimatedEnd, ConsentStatus.OPEN, null, null, Objects.requireNonNull(requestEventId),
                NoticeState.AWAITING_DELIVERY, null);
    }

    /**
     * The customer's notice was delivered: the window runs from now on, until {@code endsAt}.
     *
     * @return true if this started the window (false if it had started already or is over: a duplicate report)
     */
    public boolean noticeDelivered(Instant deliveredAt, Instant endsAt) {
        if (status != ConsentStatus.OPEN || notice == NoticeState.DELIVERED) {
            return false;
        }
        if (!endsAt.isAfter(openedAt)) {
            throw new IllegalArgumentException("A consent window must end after it opens");
        }
        notice = NoticeState.DELIVERED;
        noticeDeliveredAt = deliveredAt;
        windowEndsAt = endsAt;
        return true;
    }

    /**
     * The notice could not be delivered (again, after a resend that failed too).
     *
     * @return true if the window is held for that reason: it is open and its notice was never delivered
     */
    public boolean noticeFailed() {
        if (status != ConsentStatus.OPEN || notice == NoticeState.DELIVERED) {
            return false;
        }
        notice = NoticeState.FAILED;
        return true;
    }

    /** Whether the window runs: only after the customer's notice was delivered. */
    public boolean started() {
        return notice == NoticeState.DELIVERED;
    }

    public LinkState linkStateAt(Instant now) {
        return switch (status) {
            // before the notice was delivered the window has not started: a customer who has the link may decline
            case OPEN -> !started() || now.isBefore(windowEndsAt) ? LinkState.USABLE : LinkState.EXPIRED;
            case DECLINED -> LinkState.ALREADY_USED;
            case ELAPSED, CLOSED -> LinkState.EXPIRED;
        };
    }

    /** The customer declines through the link; only while the window is open and not yet over. */
    public Declination decline(Instant now, String ipAddress, String userAgent) {
        LinkState state = linkStateAt(now);
        if (state != LinkState.USABLE) {
            throw new ConsentWindowNotOpenException(consentId, state);
        }
        ClaimSnapshot.Contact recipient = claim.customerContact();
        declination = new Declination(now, recipient == null ? null : recipient.name(),
                recipient == null ? null : recipient.email(), ipAddress, userAgent);
        status = ConsentStatus.DECLINED;
        closedAt = now;
        return declination;
    }

    /** The timer fired. @return true if the window was open, had started, and has now elapsed */
    public boolean elapse(Instant now) {
        return ending().elapse(now).map(elapsed -> {
            status = elapsed.status();
            closedAt = elapsed.closedAt();
            return true;
        }).orElse(false);
    }

    /** This window as its timer sees it (the timer's rule is {@link EndingWindow#elapse}). */
    public EndingWindow ending() {
        return new EndingWindow(consentId, claimId, status, notice, windowEndsAt, closedAt);
    }

    /** The claim left APPROVED for another reason. @return true if the window was open and is now closed */
    public boolean close(Instant now) {
        if (status != ConsentStatus.OPEN) {
            return false;
        }
        status = ConsentStatus.CLOSED;
        closedAt = now;
        return true;
    }

    /** The customer's language for the page, from the customer contact; en-US if absent or unsupported. */
    public Locale customerLocale() {
        ClaimSnapshot.Contact contact = claim.customerContact();
        if (contact == null || contact.locale() == null || contact.locale().isBlank()) {
            return FALLBACK_LOCALE;
        }
        Locale requested = Locale.forLanguageTag(contact.locale().trim().replace('_', '-'));
        if (SUPPORTED_LOCALES.contains(requested)) {
            return requested;
        }
        return SUPPORTED_LOCALES.stream()
                .filter(supported -> supported.getLanguage().equals(requested.getLanguage()))
                .findFirst()
                .orElse(FALLBACK_LOCALE);
    }

    public String timerId() {
        return timerIdOf(consentId);
    }

    public static String timerIdOf(String consentId) {
        return "consent-window:" + consentId;
    }

    public String consentId() {
        return consentId;
    }

    public String claimId() {
        return claimId;
    }

    public UUID openedByEventId() {
        return openedByEventId;
    }

    public ClaimSnapshot claim() {
        return claim;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant windowEndsAt() {
        return windowEndsAt;
    }

    public UUID requestEventId() {
        return requestEventId;
    }

    public NoticeState notice() {
        return notice;
    }

    public Instant noticeDeliveredAt() {
        return noticeDeliveredAt;
    }

    public ConsentStatus status() {
        return status;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Declination declination() {
        return declination;
    }
}
