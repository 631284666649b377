package com.cpor.notificationservice.notification.application;

import com.cpor.events.ClaimSnapshot;
import com.cpor.events.CporEvent;
import com.cpor.events.claims.ClaimDisputed;
import com.cpor.events.claims.ClaimEdited;
import com.cpor.events.claims.ClaimResubmitted;
import com.cpor.events.claims.ClaimSentToEvaluation;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.claims.ClaimSubmitted;
import com.cpor.events.claims.ClaimWithdrawn;
import com.cpor.events.claims.CommentAdded;
import com.cpor.events.claims.CompetingClaimsDetected;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.reviews.ReviewReassigned;
import com.cpor.events.reviews.ReviewStarted;
import com.cpor.notificationservice.notification.domain.Notice;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.platform.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Turns consumed events into PENDING notifications. Runs inside the inbox transaction: the event id, the
 * remembered claim facts and the pending rows commit together, so a redelivered event adds nothing.
 * Nothing is sent here; {@link NotificationDispatcher} delivers the rows, woken by the {@link MailQueue} once they
 * commit (its poll is the fallback).
 */
public class NotificationIntake {

    static final String CONSUMER = "notifications";
    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    private final Inbox inbox;
    private final ClaimDirectory directory;
    private final NoticePlanner planner;
    private final NoticeRenderer renderer;
    private final NotificationStore store;
    private final Clock clock;
    private final DeliveryReports reports;
    private final MailQueue mailQueue;

    /** @param mailQueue told of each new row inside its transaction (it acts after the commit) */
    public NotificationIntake(Inbox inbox, ClaimDirectory directory, NoticePlanner planner, NoticeRenderer renderer,
                              NotificationStore store, Clock clock, DeliveryReports reports, MailQueue mailQueue) {
        this.inbox = inbox;
        this.directory = directory;
        this.planner = planner;
        this.renderer = renderer;
        this.store = store;
        this.clock = clock;
        this.reports = reports;
        this.mailQueue = mailQueue;
    }

    public void accept(CporEvent event) {
        inbox.processOnce(CONSUMER, event, this::apply);
    }

    private void apply(CporEvent event) {
        rememberFacts(event);
        List<Notice> notices = planner.plan(event);
        for (Notice notice : notices) {
            if (!notice.recipient().hasAddress()) {
                log.warn("No address for {} of claim {} (event {}); not sent", notice.template(), event.claimId(),
                        event.eventId());
                if (notice.template().reportsDelivery()) {
                    // nobody can be told: report it as failed at once, so the consent window is held and alerted on
                    reports.failed(Notification.pending(event.eventId(), event.typeName(), event.claimId(),
                            notice.template(), "", null, "", "", "", "", clock.instant()), 0, clock.instant());
                }
                continue;
            }
            RenderedMail mail = renderer.render(notice);
            // no addresses in logs; the line carries the trace id of the event that caused it
            log.info("Queued {} for claim {} (event {} {})", notice.template(), event.claimId(), event.typeName(),
                    event.eventId());
            if (store.addIfAbsent(Notification.pending(event.eventId(), event.typeName(), event.claimId(),
                    notice.template(), notice.recipient().email(), notice.recipient().name(),
                    mail.locale().toLanguageTag(), mail.subject(), mail.textBody(), mail.htmlBody(), notice.secretLink(),
                    clock.instant()))) {
                mailQueue.mailQueued();
            }
        }
    }

    private void rememberFacts(CporEvent event) {
        ClaimSnapshot snapshot = switch (event) {
            case ClaimSubmitted e -> e.claim();
            case ClaimResubmitted e -> e.claim();
            case ClaimEdited e -> e.claim();
            case ClaimWithdrawn e -> e.claim();
            case ClaimDisputed e -> e.claim();
            case CommentAdded e -> e.claim();
            case ClaimStatusChanged e -> e.claim();
            case CompetingClaimsDetected e -> e.claim();
            case ClaimSentToEvaluation e -> e.claim();
            case ConsentRequested e -> e.claim();
            default -> null;
        };
        if (snapshot != null && snapshot.claimId() != null) {
            directory.remember(snapshot);
        }
        if (event instanceof ReviewStarted started && started.reviewer() != null) {
            directory.assignReviewer(started.claimId(), started.reviewer(), started.occurredAt());
        }
        // a lead handed the review on: the new reviewer gets the partner's comments and the escalations from now on
        if (event instanceof ReviewReassigned reassigned && reassigned.reviewer() != null) {
            directory.assignReviewer(reassigned.claimId(), reassigned.reviewer(), reassigned.occurredAt());
        }
    }
}
