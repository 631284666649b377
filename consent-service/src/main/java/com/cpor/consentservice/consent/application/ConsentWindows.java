package com.cpor.consentservice.consent.application;

import com.cpor.consentservice.consent.domain.ConsentLinkTokens;
import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.consentservice.consent.domain.ConsentWindowNotOpenException;
import com.cpor.consentservice.consent.domain.Declination;
import com.cpor.consentservice.consent.domain.EndingWindow;
import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.consents.ConsentDeclined;
import com.cpor.events.consents.ConsentLinkCipher;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.consents.ConsentWindowElapsed;
import com.cpor.events.notifications.NotificationDelivered;
import com.cpor.events.notifications.NotificationEvent;
import com.cpor.events.notifications.NotificationFailed;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.messaging.PoisonEventException;
import com.cpor.platform.outbox.Outbox;
import com.cpor.platform.timers.DurableTimers;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The consent window's use cases. Every state change commits together with its timer change and its
 * outgoing event (outbox).
 * <p>
 * The window counts from the delivery of the customer's notice, not from the approval (the customer must have had
 * the chance to decline; docs/adr/001-consent-window-start.md): it opens held, and its timer is scheduled only when
 * notification-service reports the notice delivered. A notice that fails for good keeps it held and alerts.
 */
@Service
public class ConsentWindows {

    public static final String TIMER_KIND = "consent-window";
    /** The customer's consent notice, as notification-service names it in its delivery reports. */
    public static final String CONSENT_NOTICE = "customer-consent-request";
    /** Counter of consent notices that could not be delivered (windows held until an operator resends). */
    public static final String UNDELIVERED_NOTICES = "cpor.consent.notices.undelivered";
    private static final Logger log = LoggerFactory.getLogger(ConsentWindows.class);
    private static final Set<ClaimStatus> APPROVAL_SOURCES = EnumSet.of(ClaimStatus.IN_REVIEW, ClaimStatus.DISPUTED);

    private final ConsentWindowRepository windows;
    private final ConsentLinkTokens links;
    private final DurableTimers timers;
    private final Outbox outbox;
    private final Clock clock;
    private final ConsentWindowPolicy windowPolicy;
    private final String publicBaseUrl;
    private final ConsentLinkCipher linkCipher;
    private final MeterRegistry meters;

    public ConsentWindows(ConsentWindowRepository windows, ConsentLinkTokens links, DurableTimers timers, Outbox outbox,
                          Clock clock, BusinessCalendar calendar, ConsentSettings settings, ConsentLinkCipher linkCipher,
                          MeterRegistry meters) {
        this.windows = windows;
        this.links = links;
        this.timers = timers;
        this.outbox = outbox;
        this.clock = clock;
        this.windowPolicy = new ConsentWindowPolicy(settings.windowPolicy(), calendar);
        this.publicBaseUrl = settings.publicBaseUrl().replaceAll("/+$", "");
        this.linkCipher = linkCipher;
        this.meters = meters;
        meters.counter(UNDELIVERED_NOTICES); // present (at 0) from the start, so that alerts see its first increase
    }

    /** Reacts to claim-service's status changes (called inside the inbox transaction). */
    @Transactional
    public void onClaimStatusChanged(ClaimStatusChanged change) {
        if (change.toStatus() == ClaimStatus.APPROVED && APPROVAL_SOURCES.contains(change.fromStatus())) {
            open(change);
        } else if (change.toStatus() != ClaimStatus.APPROVED) {
            // the claim left APPROVED (withdrawn, or rejected after our own decline): the link must die
            closeOpenWindow(change.claimId(), "claim status " + change.fromStatus() + " -> " + change.toStatus());
        }
    }

    private void open(ClaimStatusChanged approval) {
        if (approval.claim() == null) {
            throw new PoisonEventException("Approval " + approval.eventId() + " carries no claim snapshot");
        }
        if (windows.findOpenByClaimForUpdate(approval.claimId()).isPresent()) {
            log.warn("Claim {} already has an open consent window; approval {} opens none", approval.claimId(),
                    approval.eventId());
            return;
        }
        // until the notice is delivered, the end is an estimate: as if delivered at the approval
        Instant openedAt = approval.occurredAt();
        Instant estimatedEnd = windowPolicy.windowEndFor(openedAt);
        String token = links.issue();
        UUID requestEventId = UUID.randomUUID();
        ConsentWindow window = ConsentWindow.open("cw-" + UUID.randomUUID(), approval.eventId(), approval.claim(),
                ConsentLinkTokens.hash(token), openedAt, estimatedEnd, requestEventId);
        windows.insert(window);
        // the link is the customer's credential: only notification-service can read it (docs/security.md)
        outbox.append(new ConsentRequested(requestEventId, clock.instant(), window.claimId(), window.consentId(),
                estimatedEnd, null, approval.claim(),
                linkCipher.seal(publicBaseUrl + "/consent/" + token, window.claimId())));
        log.info("Opened consent window {} for claim {}; it starts when the customer's notice is delivered",
                window.consentId(), window.claimId());
    }

    /** notification-service reports how the customer's notice went (called inside the inbox transaction). */
    @Transactional
    public void onNoticeReport(NotificationEvent report) {
        if (!CONSENT_NOTICE.equals(report.notice()) || report.causeEventId() == null) {
            return;
        }
        ConsentWindow window = windows.findByRequestEventForUpdate(report.causeEventId()).orElse(null);
        if (window == null) {
            log.warn("Notice report {} for claim {} names no consent window (request {})", report.eventId(),
                    report.claimId(), report.causeEventId());
            return;
        }
        switch (report) {
            case NotificationDelivered delivered -> noticeDelivered(window, delivered);
            case NotificationFailed failed -> noticeFailed(window, failed);
        }
    }

    private void noticeDelivered(ConsentWindow window, NotificationDelivered delivered) {
        Instant deliveredAt = delivered.deliveredAt() != null ? delivered.deliveredAt() : delivered.occurredAt();
        Instant endsAt = windowPolicy.windowEndFor(deliveredAt);
        if (window.noticeDelivered(deliveredAt, endsAt)) {
            windows.update(window);
            timers.schedule(window.timerId(), TIMER_KIND, window.claimId(), endsAt, window.consentId());
            log.info("Consent notice of window {} (claim {}) delivered at {}: the window runs until {}",
                    window.consentId(), window.claimId(), deliveredAt, endsAt);
        }
    }

    private void noticeFailed(ConsentWindow window, NotificationFailed failed) {
        if (window.noticeFailed()) {
            windows.update(window);
            meters.counter(UNDELIVERED_NOTICES).increment();
            log.error("Consent notice of window {} (claim {}) could not be delivered after {} attempts (notification {}):"
                            + " the window is held until the notice is resent and delivered",
                    window.consentId(), window.claimId(), failed.attempts(), failed.notificationId());
        }
    }

    private void closeOpenWindow(String claimId, String cause) {
        windows.findOpenByClaim(claimId).ifPresent(candidate -> {
            lockTimerBeforeWindow(candidate);
            windows.findForUpdate(candidate.consentId())
                    .filter(window -> window.close(clock.instant()))
                    .ifPresent(window -> {
                        windows.update(window);
                        log.info("Closed consent window {} of claim {} ({})", window.consentId(), claimId, cause);
                    });
        });
    }

    /**
     * Cancels the window's timer first: the timer poller locks the timer row and then (in the handler) the window
     * row, so taking them in the same order here means a decline or withdrawal racing the window's end waits
     * instead of deadlocking.
     */
    private void lockTimerBeforeWindow(ConsentWindow window) {
        timers.cancel(window.timerId());
    }

    /** The consent timer fired (inside the timer's firing transaction). */
    @Transactional
    public void elapse(String consentId) {
        elapseAll(List.of(consentId));
    }

    /**
     * The timers of several windows fired at once (inside their batch's firing transaction): the windows are loaded,
     * closed and their events recorded in a few statements, whatever their number; events in the given order. Only
     * what closing needs is loaded, never the claim snapshot ({@link EndingWindow}).
     */
    @Transactional
    public void elapseAll(List<String> consentIds) {
        Instant now = clock.instant();
        Map<String, EndingWindow> locked = windows.findEndingForUpdate(consentIds).stream()
                .collect(Collectors.toMap(EndingWindow::consentId, Function.identity()));
        // distinct: the window records are immutable, so a repeated id must not elapse twice
        List<EndingWindow> elapsed = consentIds.stream().distinct().map(locked::get).filter(Objects::nonNull)
                .flatMap(window -> window.elapse(now).stream()).toList();
        windows.updateEnded(elapsed);
        outbox.appendAll(elapsed.stream().map(window -> new ConsentWindowElapsed(UUID.randomUUID(), now,
                window.claimId(), window.consentId(), window.windowEndsAt())).toList());
        // an info line per batch, not per window: in a storm of 100,000 windows the lines per window were a third of
        // the batches' CPU samples (JFR); each window's end stays recorded in its row, its timer row and its event
        if (!elapsed.isEmpty()) {
            log.info("{} consent window(s) elapsed, the first {} of claim {}", elapsed.size(),
                    elapsed.getFirst().consentId(), elapsed.getFirst().claimId());
        }
        if (log.isDebugEnabled()) {
            elapsed.forEach(window ->
                    log.debug("Consent window {} of claim {} elapsed", window.consentId(), window.claimId()));
        }
    }

    /** What a link shows. Read only: mail scanners open links, so looking must never change anything. */
    @Transactional(readOnly = true)
    public LinkResolution resolve(String token) {
        if (!links.isAuthentic(token)) {
            return new LinkResolution.Invalid(token != null && !token.isBlank());
        }
        return windows.findByTokenHash(ConsentLinkTokens.hash(token))
                .<LinkResolution>map(window -> new LinkResolution.Known(window, window.linkStateAt(clock.instant())))
                .orElseGet(() -> new LinkResolution.Invalid(false));
    }

    /** The customer declines through the link. */
    @Transactional
    public LinkResolution decline(String token, String ipAddress, String userAgent) {
        if (!links.isAuthentic(token)) {
            return new LinkResolution.Invalid(token != null && !token.isBlank());
        }
        ConsentWindow seen = windows.findByTokenHash(ConsentLinkTokens.hash(token)).orElse(null);
        if (seen == null) {
            return new LinkResolution.Invalid(false);
        }
        lockTimerBeforeWindow(seen);
        ConsentWindow window = windows.findForUpdate(seen.consentId()).orElseThrow();
        Instant now = clock.instant();
        Declination declination;
        try {
            declination = window.decline(now, ipAddress, userAgent);
        } catch (ConsentWindowNotOpenException notOpen) {
            // a window past its end whose timer has not fired yet must keep that timer
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new LinkResolution.Known(window, notOpen.linkState());
        }
        windows.update(window);
        Actor customer = new Actor(declination.recipientEmail() != null ? declination.recipientEmail()
                : "customer:" + window.claim().customer().tenantId(),
                declination.recipientName(), declination.recipientEmail(), Actor.ActorKind.CUSTOMER);
        outbox.append(new ConsentDeclined(UUID.randomUUID(), now, window.claimId(), window.consentId(), customer));
        log.info("Customer declined consent window {} of claim {}", window.consentId(), window.claimId());
        return new LinkResolution.Declined(window, declination);
    }

    @Transactional(readOnly = true)
    public List<ConsentWindow> windowsOf(String claimId) {
        return windows.findByClaim(claimId);
    }
}
