package com.cpor.notificationservice.notification.application;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.CporEvent;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.claims.ClaimDisputed;
import com.cpor.events.claims.ClaimSentToEvaluation;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.claims.CommentAdded;
import com.cpor.events.consents.ConsentLinkCipher;
import com.cpor.events.consents.ConsentRequested;
import com.cpor.events.consents.EncryptedLink;
import com.cpor.events.reviews.DecisionTargetBreached;
import com.cpor.events.reviews.PartnerResponseReminderDue;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.notificationservice.config.NotificationProperties;
import com.cpor.notificationservice.notification.domain.Notice;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.Recipient;
import com.cpor.platform.messaging.PoisonEventException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which notices an event triggers, for whom, with which values (spec §5, docs/architecture.md).
 * Events that trigger nothing give an empty list.
 */
public class NoticePlanner {

    /** Escalations other than the SLA stages of ReviewSlaBreached.Stage; labelled {@code enum.Escalation.*}. */
    enum Escalation { DECISION_TARGET }

    private final ClaimDirectory directory;
    private final NotificationProperties settings;
    private final ConsentLinkCipher links;

    public NoticePlanner(ClaimDirectory directory, NotificationProperties settings, ConsentLinkCipher links) {
        this.directory = directory;
        this.settings = settings;
        this.links = links;
    }

    public List<Notice> plan(CporEvent event) {
        return switch (event) {
            case ConsentRequested consent -> consentRequested(consent);
            case ClaimStatusChanged change -> statusChanged(change);
            case ClaimDisputed disputed -> List.of(toPartner(NoticeTemplate.PARTNER_DISPUTE_RECEIVED, disputed.claim(),
                    values("justification", orEmpty(disputed.justification()),
                            "disputeReviewDueAt", Optional.ofNullable(disputed.claim().deadlines())
                                    .map(ClaimSnapshot.Deadlines::disputeReviewDueAt).map(Object.class::cast).orElse(""))));
            case CommentAdded comment -> commentAdded(comment);
            case ClaimSentToEvaluation sent -> List.of(toPartner(NoticeTemplate.PARTNER_SENT_TO_EVALUATION, sent.claim(),
                    values("sentAt", sent.sentAt() != null ? sent.sentAt() : sent.occurredAt())));
            case PartnerResponseReminderDue reminder -> List.of(toPartner(NoticeTemplate.PARTNER_RESPONSE_REMINDER,
                    knownClaim(reminder), values("respondBy", reminder.respondBy())));
            case ReviewSlaBreached breach -> slaBreached(breach.claimId(), breach.stage(), breach.dueAt(),
                    breach.assignedReviewer());
            case DecisionTargetBreached breach -> slaBreached(breach.claimId(), Escalation.DECISION_TARGET,
                    breach.dueAt(), breach.assignedReviewer());
            default -> List.of();
        };
    }

    private List<Notice> consentRequested(ConsentRequested consent) {
        ClaimSnapshot claim = consent.claim();
        if (claim == null) {
            throw new PoisonEventException("ConsentRequested " + consent.eventId() + " carries no claim snapshot");
        }
        List<Notice> notices = new ArrayList<>();
        ClaimSnapshot.Contact customer = claim.customerContact();
        if (customer != null) {
            Map<String, Object> model = new HashMap<>(claimValues(claim));
            model.put("recipientName", orEmpty(customer.name()));
            model.put("windowEndsAt", consent.windowEndsAt());
            // the link is the customer's credential: rendered as a placeholder, opened only when the mail goes out
            model.put("consentUrl", Notification.SECRET_LINK_PLACEHOLDER);
            Recipient recipient = new Recipient(customer.email(), customer.name(), customer.locale(), customer.timeZone());
            notices.add(new Notice(NoticeTemplate.CUSTOMER_CONSENT_REQUEST, recipient,
                    List.of(partnerDisplayName(claim)), model, encryptedLinkOf(consent)));
        }
        notices.add(toPartner(NoticeTemplate.PARTNER_CLAIM_APPROVED, claim, values("windowEndsAt", consent.windowEndsAt())));
        return notices;
    }

    /**
     * Events written before the link was encrypted carry it in clear in {@code consentUrl}: it is encrypted here,
     * so that it is not stored in clear either.
     */
    private EncryptedLink encryptedLinkOf(ConsentRequested consent) {
        if (consent.consentLink() != null) {
            return consent.consentLink();
        }
        if (consent.consentUrl() != null && !consent.consentUrl().isBlank()) {
            return links.seal(consent.consentUrl(), consent.claimId());
        }
        throw new PoisonEventException("ConsentRequested " + consent.eventId() + " carries no consent link");
    }

    private List<Notice> statusChanged(ClaimStatusChanged change) {
        ClaimSnapshot claim = change.claim();
        if (claim == null) {
            return List.of();
        }
        if (change.fromStatus() == ClaimStatus.DISPUTED
                && (change.toStatus() == ClaimStatus.APPROVED || change.toStatus() == ClaimStatus.REJECTED)) {
            return List.of(toPartner(NoticeTemplate.PARTNER_DISPUTE_OUTCOME, claim, values(
                    "overturned", change.toStatus() == ClaimStatus.APPROVED,
                    "comment", orEmpty(change.comment()))));
        }
        if (change.toStatus() == ClaimStatus.PARTNER_ACTION_REQUIRED) {
            Map<String, Object> values = new HashMap<>();
            values.put("reasons", change.reasonCodes() == null ? List.of()
                    : change.reasonCodes().stream().map(NoticePlanner::partnerActionReason).toList());
            values.put("comment", orEmpty(change.comment()));
            values.put("respondBy", claim.deadlines() == null || claim.deadlines().partnerResponseDueAt() == null
                    ? "" : claim.deadlines().partnerResponseDueAt());
            // product codes as products, so that the renderer writes their names
            values.put("productsToRemove", claim.requestedChanges() == null
                    || claim.requestedChanges().productsToRemove() == null ? List.of()
                    : claim.requestedChanges().productsToRemove().stream()
                    .map(code -> new ClaimSnapshot.Product(code, null)).toList());
            return List.of(toPartner(NoticeTemplate.PARTNER_ACTION_REQUIRED, claim, values));
        }
        if (change.toStatus() == ClaimStatus.REJECTED) {
            return rejected(change, claim);
        }
        return List.of();
    }

    /**
     * A partner's own withdrawal (PARTNER_REQUEST) sends no mail: the partner user did it in the portal and
     * saw the result there, the claim's history records it, and nobody else has to act on it.
     */
    private List<Notice> rejected(ClaimStatusChanged change, ClaimSnapshot claim) {
        RejectionReason reason = rejectionReason(change, claim);
        if (reason == RejectionReason.PARTNER_REQUEST) {
            return List.of();
        }
        if (reason == RejectionReason.CUSTOMER_DECLINED) {
            return List.of(toPartner(NoticeTemplate.PARTNER_CUSTOMER_DECLINED, claim,
                    values("declinedAt", change.occurredAt())));
        }
        Map<String, Object> values = new HashMap<>();
        values.put("reason", reason == null ? "" : reason);
        values.put("noPartnerResponse", reason == RejectionReason.NO_PARTNER_RESPONSE);
        values.put("comment", orEmpty(claim.rejection() != null && claim.rejection().comment() != null
                ? claim.rejection().comment() : change.comment()));
        Object disputeUntil = claim.deadlines() == null || claim.deadlines().disputeUntil() == null
                ? "" : claim.deadlines().disputeUntil();
        boolean finalDecision = claim.rejection() != null && claim.rejection().finalDecision();
        values.put("disputable", !finalDecision && !"".equals(disputeUntil));
        values.put("disputeUntil", disputeUntil);
        return List.of(toPartner(NoticeTemplate.PARTNER_CLAIM_REJECTED, claim, values));
    }

    private List<Notice> commentAdded(CommentAdded comment) {
        ClaimSnapshot claim = comment.claim() != null ? comment.claim()
                : directory.latestSnapshot(comment.claimId()).orElse(null);
        Actor author = comment.author();
        if (claim == null || author == null) {
            return List.of();
        }
        Map<String, Object> values = values("authorName", orEmpty(author.name()), "commentText", orEmpty(comment.text()));
        return switch (author.kind()) {
            case REVIEWER -> List.of(toPartner(NoticeTemplate.PARTNER_NEW_COMMENT, claim, values));
            case PARTNER -> {
                Recipient reviewer = directory.assignedReviewer(claim.claimId())
                        .filter(r -> r.email() != null && !r.email().isBlank())
                        .map(r -> staff(r.email(), r.name()))
                        .orElse(staff(settings.reviewTeamEmail(), null));
                yield List.of(toStaff(NoticeTemplate.REVIEWER_NEW_COMMENT, reviewer, claim, values));
            }
            default -> List.of();
        };
    }

    /** An escalation (an SLA stage or the overall decision target) to the assigned reviewer and the review lead. */
    private List<Notice> slaBreached(String claimId, Enum<?> stage, java.time.Instant dueAt, Actor assignedAtBreach) {
        ClaimSnapshot claim = directory.latestSnapshot(claimId).orElse(null);
        Actor assigned = assignedAtBreach != null ? assignedAtBreach : directory.assignedReviewer(claimId).orElse(null);
        Map<String, Object> values = new HashMap<>();
        values.put("stage", stage);
        values.put("dueAt", dueAt);
        values.put("assignedReviewerName", assigned == null ? "" : orEmpty(assigned.name()));
        List<Notice> notices = new ArrayList<>();
        if (assigned != null && assigned.email() != null && !assigned.email().isBlank()) {
            notices.add(toStaff(NoticeTemplate.REVIEW_SLA_BREACHED,
                    staff(assigned.email(), assigned.name()), claim, claimId, values));
        }
        notices.add(toStaff(NoticeTemplate.REVIEW_SLA_BREACHED,
                staff(settings.reviewLeadEmail(), null), claim, claimId, values));
        return notices;
    }

    /** Reviewers and leads read dates in the review team's configured zone and language. */
    private Recipient staff(String email, String name) {
        return new Recipient(email, name, settings.staffLocale(), settings.timeZone().getId());
    }

    private ClaimSnapshot knownClaim(CporEvent event) {
        return directory.latestSnapshot(event.claimId()).orElseThrow(() -> new PoisonEventException(
                "No claim snapshot known for " + event.claimId() + "; cannot address " + event.typeName()));
    }

    private Notice toPartner(NoticeTemplate template, ClaimSnapshot claim, Map<String, Object> values) {
        ClaimSnapshot.Contact contact = claim.partnerContact();
        Recipient recipient = contact == null ? new Recipient(null, null, null)
                : new Recipient(contact.email(), contact.name(), contact.locale(), contact.timeZone());
        Map<String, Object> model = new HashMap<>(claimValues(claim));
        model.putAll(values);
        model.put("recipientName", orEmpty(recipient.name()));
        model.put("claimUrl", settings.claimLinkForPartner(claim.claimId()));
        return new Notice(template, recipient, List.of(orEmpty(claim.name())), model);
    }

    private Notice toStaff(NoticeTemplate template, Recipient recipient, ClaimSnapshot claim, Map<String, Object> values) {
        return toStaff(template, recipient, claim, claim.claimId(), values);
    }

    private Notice toStaff(NoticeTemplate template, Recipient recipient, ClaimSnapshot claim, String claimId,
                           Map<String, Object> values) {
        Map<String, Object> model = new HashMap<>(claim == null ? values("claimId", claimId, "claimName", claimId,
                "partnerName", "", "customerName", "", "products", List.of(), "program", "") : claimValues(claim));
        model.putAll(values);
        model.put("recipientName", orEmpty(recipient.name()));
        model.put("claimUrl", settings.claimLinkForReviewer(claimId));
        String claimName = claim == null || claim.name() == null ? claimId : claim.name();
        return new Notice(template, recipient, List.of(claimName), model);
    }

    /** Values every notice about a claim may show. */
    private static Map<String, Object> claimValues(ClaimSnapshot claim) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("claimId", claim.claimId());
        values.put("claimName", orEmpty(claim.name()));
        values.put("partnerId", orEmpty(claim.partnerId()));
        values.put("partnerName", partnerDisplayName(claim));
        values.put("customerName", claim.customer() == null ? "" : orEmpty(claim.customer().name()));
        values.put("customerDomain", claim.customer() == null ? "" : orEmpty(claim.customer().domain()));
        values.put("products", claim.products() == null ? List.of() : claim.products());
        values.put("program", claim.program() == null ? "" : claim.program());
        values.put("activity", claim.activity() == null ? "" : claim.activity());
        return values;
    }

    /**
     * The partner organisation from the directory, with the claim's MPN / location ID (spec §8). Events written before
     * the directory name no organisation: the solution seller or the partner contact stands in.
     */
    private static String partnerDisplayName(ClaimSnapshot claim) {
        ClaimSnapshot.PartnerOrganisation organisation = claim.partnerOrganisation();
        if (organisation != null && organisation.name() != null && !organisation.name().isBlank()) {
            return organisation.name() + " (MPN " + claim.partnerId() + ")";
        }
        String contact = claim.partnerContact() == null ? null : claim.partnerContact().name();
        String seller = claim.solutionSellerName();
        String who = seller != null && !seller.isBlank() ? seller : orEmpty(contact);
        return who.isBlank() ? "MPN " + claim.partnerId() : who + " (MPN " + claim.partnerId() + ")";
    }

    private static RejectionReason rejectionReason(ClaimStatusChanged change, ClaimSnapshot claim) {
        if (claim.rejection() != null && claim.rejection().reason() != null) {
            return claim.rejection().reason();
        }
        if (change.reasonCodes() != null) {
            for (String code : change.reasonCodes()) {
                try {
                    return RejectionReason.valueOf(code);
                } catch (IllegalArgumentException notARejectionReason) {
                    // withdrawal reasons and free text travel here too
                }
            }
        }
        return null;
    }

    private static Object partnerActionReason(String code) {
        try {
            return PartnerActionReason.valueOf(code);
        } catch (IllegalArgumentException unknown) {
            return code;
        }
    }

    /** Key-value pairs for a model; absent values become empty strings (templates test them with th:if). */
    private static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1] == null ? "" : keysAndValues[i + 1]);
        }
        return values;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
