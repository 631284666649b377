package com.cpor.consentservice.consent.application;

import com.cpor.consentservice.consent.domain.ConsentLinkTokens;
import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.consentservice.consent.domain.ConsentWindowNotOpenException;
import com.cpor.consentservice.consent.domain.Declination;
import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.consents.ConsentDeclined;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.consents.ConsentWindowElapsed;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.messaging.PoisonEventException;
import com.cpor.platform.outbox.Outbox;
import com.cpor.platform.timers.DurableTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The consent window's use cases. Every state change commits together with its timer change and its
 * outgoing event (outbox).
 */
@Service
public class ConsentWindows {

    public static final String TIMER_KIND = "consent-window";
    private static final Logger log = LoggerFactory.getLogger(ConsentWindows.class);
    private static final Set<ClaimStatus> APPROVAL_SOURCES = EnumSet.of(ClaimStatus.IN_REVIEW, ClaimStatus.DISPUTED);

    private final ConsentWindowRepository windows;
    private final ConsentLinkTokens links;
    private final DurableTimers timers;
    private final Outbox outbox;
    private final Clock clock;
    private final ConsentWindowPolicy windowPolicy;
    private final String publicBaseUrl;

    public ConsentWindows(ConsentWindowRepository windows, ConsentLinkTokens links, DurableTimers timers, Outbox outbox,
                          Clock clock, BusinessCalendar calendar, ConsentSettings settings) {
        this.windows = windows;
        this.links = links;
        this.timers = timers;
        this.outbox = outbox;
        this.clock = clock;
        this.windowPolicy = new ConsentWindowPolicy(settings.windowPolicy(), calendar);
        this.publicBaseUrl = settings.publicBaseUrl().replaceAll("/+$", "");
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
        // the window counts from the approval, not from when this service heard of it
        Instant openedAt = approval.occurredAt();
        Instant endsAt = windowPolicy.windowEndFor(openedAt);
        String token = links.issue();
        ConsentWindow window = ConsentWindow.open("cw-" + UUID.randomUUID(), approval.eventId(), approval.claim(),
                ConsentLinkTokens.hash(token), openedAt, endsAt);
        windows.insert(window);
        timers.schedule(window.timerId(), TIMER_KIND, window.claimId(), endsAt, window.consentId());
        outbox.append(new ConsentRequested(UUID.randomUUID(), clock.instant(), window.claimId(), window.consentId(),
                endsAt, publicBaseUrl + "/consent/" + token, approval.claim()));
        log.info("Opened consent window {} for claim {} until {}", window.consentId(), window.claimId(), endsAt);
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
        windows.findForUpdate(consentId).ifPresent(window -> {
            if (window.elapse(clock.instant())) {
                windows.update(window);
                outbox.append(new ConsentWindowElapsed(UUID.randomUUID(), clock.instant(), window.claimId(),
                        window.consentId(), window.windowEndsAt()));
                log.info("Consent window {} of claim {} elapsed", consentId, window.claimId());
            }
        });
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
