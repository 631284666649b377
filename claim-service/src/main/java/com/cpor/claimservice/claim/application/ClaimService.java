package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimDetails;
import com.cpor.claimservice.claim.domain.ClaimDetailsRules;
import com.cpor.claimservice.claim.domain.Comment;
import com.cpor.claimservice.claim.domain.DocumentType;
import com.cpor.claimservice.claim.domain.FieldChange;
import com.cpor.claimservice.claim.domain.HistoryEntry;
import com.cpor.claimservice.claim.domain.InvalidClaimException;
import com.cpor.claimservice.claim.domain.PartnerOrganisation;
import com.cpor.claimservice.claim.domain.PoeDocument;
import com.cpor.claimservice.claim.domain.Transition;
import com.cpor.claimservice.claim.domain.Violation;
import com.cpor.claimservice.config.ClaimLimitsProperties;
import com.cpor.claimservice.config.ClaimPolicyProperties;
import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.WithdrawalReason;
import com.cpor.events.claims.ClaimDisputed;
import com.cpor.events.claims.ClaimEdited;
import com.cpor.events.claims.ClaimResubmitted;
import com.cpor.events.claims.ClaimSubmitted;
import com.cpor.events.claims.ClaimWithdrawn;
import com.cpor.events.claims.CommentAdded;
import com.cpor.events.incentives.AssociationRevoked;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.calendar.BusinessCalendars;
import com.cpor.platform.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongConsumer;

/** The partner's (and reviewers' read and comment) use cases; each one commits its change and its events together. */
@Service
public class ClaimService {

    /** Ids the platform issues ("d-" and a UUID) are far shorter; anything longer is not one of them. */
    private static final int MAX_ID = 100;

    private final ClaimRepository claims;
    private final DocumentRepository documents;
    private final CommentRepository comments;
    private final HistoryRepository history;
    private final ClaimJournal journal;
    private final ClaimPolicyProperties policy;
    private final ClaimMetrics metrics;
    private final ClaimLimitsProperties limits;
    private final ClaimExclusivity exclusivity;
    private final PartnerDirectory partners;
    private final BusinessCalendars calendars;

    public ClaimService(ClaimRepository claims, DocumentRepository documents, CommentRepository comments,
                        HistoryRepository history, ClaimJournal journal, ClaimPolicyProperties policy,
                        ClaimMetrics metrics, ClaimLimitsProperties limits, ClaimExclusivity exclusivity,
                        PartnerDirectory partners, BusinessCalendars calendars) {
        this.exclusivity = exclusivity;
        this.partners = partners;
        this.calendars = calendars;
        this.metrics = metrics;
        this.limits = limits;
        this.claims = claims;
        this.documents = documents;
        this.comments = comments;
        this.history = history;
        this.journal = journal;
        this.policy = policy;
    }

    // ---- reading

    @Transactional(readOnly = true)
    public ClaimView get(Caller caller, String claimId) {
        return view(caller, visible(caller, claims.find(claimId).orElse(null), claimId));
    }

    @Transactional(readOnly = true)
    public ClaimRepository.ClaimPage list(ClaimSearch search, int page, int size) {
        return claims.search(search, page, size);
    }

    /** A claim of a list page with its documents and allowed actions, as the caller may see it. */
    @Transactional(readOnly = true)
    public ClaimView viewOf(Caller caller, Claim claim) {
        return view(caller, claim);
    }

    @Transactional(readOnly = true)
    public DocumentDownload document(Caller caller, String claimId, String documentId) {
        visible(caller, claims.find(claimId).orElse(null), claimId);
        PoeDocument document = documents.find(claimId, documentId)
                .orElseThrow(() -> new NotFoundException("Document", documentId));
        return new DocumentDownload(document, documents.content(documentId));
    }

    @Transactional(readOnly = true)
    public Slice<Comment> comments(Caller caller, String claimId, int page, int size) {
        visible(caller, claims.find(claimId).orElse(null), claimId);
        return new Slice<>(comments.list(claimId, (long) page * size, size), comments.count(claimId));
    }

    /** A partner's view of the history names no competitor: see {@link CompetitorPrivacy}. */
    @Transactional(readOnly = true)
    public Slice<HistoryEntry> history(Caller caller, String claimId, int page, int size) {
        Claim claim = visible(caller, claims.find(claimId).orElse(null), claimId);
        List<HistoryEntry> entries = history.list(claimId, (long) page * size, size);
        if (!seesCompetitors(caller)) {
            entries = entries.stream().map(entry -> CompetitorPrivacy.forPartner(entry, claim.competingClaimIds())).toList();
        }
        return new Slice<>(entries, history.count(claimId));
    }

    @Transactional(readOnly = true)
    public Slice<PoeDocument> documents(Caller caller, String claimId, int page, int size) {
        visible(caller, claims.find(claimId).orElse(null), claimId);
        return new Slice<>(documents.list(claimId, (long) page * size, size), documents.count(claimId));
    }

    /** Competing claims are private (§8): only reviewers see which claims compete, partners only that theirs does. */
    public static boolean seesCompetitors(Caller caller) {
        return caller.isReviewer();
    }

    /** Which partners' claims the caller may list: null for reviewers (all), else the token's partner IDs. */
    public static Set<String> visiblePartnerIds(Caller caller) {
        return caller.isReviewer() ? null : caller.partnerIds();
    }

    // ---- partner changes: each write calls its precondition (the web layer's If-Match check) with the version of
    // the claim it locked, before anything changes

    @Transactional
    public ClaimView create(Caller caller, ClaimDetails details) {
        List<Violation> violations = new ArrayList<>(ClaimDetailsRules.check(details, limits.fields()));
        PartnerOrganisation organisation = checkPartnerId(caller, details.partnerId(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidClaimException(violations);
        }
        Claim claim = Claim.create("c-" + UUID.randomUUID(), details, journal.now(), policy.disputesPerClaim(),
                limits.fields());
        claim.partnerOrganisationIs(organisation);
        claims.insert(claim);
        journal.record(claim.id(), partner(caller), HistoryEntry.Kind.CREATED, "Claim created in EDITING");
        return view(caller, claim);
    }

    /**
     * Applies an edit: {@code patch} turns the current claim's fields into the edited ones (and may refuse a stale
     * version); {@code touchedFields} are the fields the request named.
     */
    @Transactional
    public ClaimView edit(Caller caller, String claimId, Function<Claim, ClaimDetails> patch, Set<String> touchedFields) {
        lockTenantOf(claimId);
        Claim claim = ownedForUpdate(caller, claimId);
        long loaded = claim.version();
        ClaimDetails edited = patch.apply(claim);
        PartnerOrganisation organisation = claim.partnerOrganisation();
        if (touchedFields.contains("partnerId")) {
            List<Violation> violations = new ArrayList<>();
            organisation = checkPartnerId(caller, edited.partnerId(), violations);
            if (!violations.isEmpty()) {
                throw new InvalidClaimException(violations);
            }
        }
        List<FieldChange> changes = claim.edit(edited, touchedFields, journal.now(), limits.fields());
        claim.partnerOrganisationIs(organisation);
        if (!changes.isEmpty()) {
            List<ClaimRepository.Overlap> overlaps = List.of();
            List<String> competing = List.of();
            boolean newlyCompeting = false;
            if (Claim.isActive(claim.status())) {
                overlaps = exclusivity.otherPartnersOverlaps(claim);
                competing = overlaps.stream().map(ClaimRepository.Overlap::claimId).distinct().toList();
                newlyCompeting = claim.flagCompetingWith(competing, journal.now());
            }
            claims.update(claim, loaded);
            List<String> fields = changes.stream().map(FieldChange::field).toList();
            journal.record(claim.id(), partner(caller), HistoryEntry.Kind.EDITED, "Edited " + String.join(", ", fields),
                    changes, Map.of());
            if (claim.status() != ClaimStatus.EDITING) {
                journal.publish(new ClaimEdited(journal.newEventId(), journal.now(), claim.id(), partner(caller), fields,
                        ClaimSnapshots.of(claim)));
            }
            if (newlyCompeting) {
                exclusivity.flagCompeting(claim, competing, overlaps);
            }
        }
        return view(caller, claim);
    }

    @Transactional
    public void delete(Caller caller, String claimId, LongConsumer precondition) {
        Claim claim = ownedForUpdate(caller, claimId);
        precondition.accept(claim.version());
        claim.checkCanBeDeleted(journal.now());
        claims.delete(claimId);
    }

    /**
     * The file is judged (size, type, bounded DOCX inspection) before the claim's row is locked, so a slow or hostile
     * file never holds up the claim's other writers; {@code content} was read with the size limit already applied.
     */
    @Transactional
    public PoeDocument addDocument(Caller caller, String claimId, String fileName, byte[] content,
                                   LongConsumer precondition) {
        visible(caller, claims.find(claimId).filter(c -> caller.actsFor(c.details().partnerId())).orElse(null), claimId);
        if (content.length == 0) {
            throw new InvalidRequestException("file", "is empty");
        }
        if (content.length > policy.maxDocumentSize().toBytes()) {
            throw new DocumentRefusedException(DocumentRefusedException.Reason.TOO_LARGE,
                    "A document may be at most " + policy.maxDocumentSize().toMegabytes()
                    + " MB; this one has " + content.length + " bytes");
        }
        DocumentType type;
        try {
            type = DocumentType.detect(content, limits.zipBounds()).orElseThrow(() -> new DocumentRefusedException(
                    DocumentRefusedException.Reason.UNSUPPORTED_TYPE,
                    "Only PDF, DOCX, PNG and JPEG documents are accepted (judged by the file's content)"));
        } catch (DocumentType.UninspectableException e) {
            throw new InvalidRequestException("file", "is a ZIP package that " + e.getMessage());
        }
        if (content.length < limits.minDocumentSize().of(type)) {
            throw new InvalidRequestException("file", "is too small to be a " + type + " document (at least "
                    + limits.minDocumentSize().of(type) + " bytes)");
        }
        String sha256 = sha256(content);

        Claim claim = ownedForUpdate(caller, claimId);
        long loaded = claim.version();
        precondition.accept(loaded);
        claim.checkCanAddDocument(journal.now());
        if (documents.count(claimId) >= limits.maxDocuments()) {
            throw new ClaimConflictException(ClaimConflictException.Conflict.DOCUMENT_LIMIT,
                    "A claim may have at most " + limits.maxDocuments() + " documents");
        }
        if (documents.totalSize(claimId) + content.length > policy.maxDocumentsSizePerClaim().toBytes()) {
            throw new DocumentRefusedException(DocumentRefusedException.Reason.TOO_LARGE,
                    "The documents of one claim may total at most "
                    + policy.maxDocumentsSizePerClaim().toMegabytes() + " MB");
        }
        PoeDocument document = new PoeDocument("d-" + UUID.randomUUID(), claimId, safeFileName(fileName, type),
                type.contentType(), content.length, sha256, journal.now(), caller.subject());
        documents.insert(document, content);
        claim.documentAdded(journal.now());
        claims.update(claim, loaded);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("documentId", document.id());
        details.put("fileName", document.fileName());
        details.put("contentType", document.contentType());
        details.put("size", document.size());
        details.put("sha256", document.sha256());
        journal.record(claimId, partner(caller), HistoryEntry.Kind.DOCUMENT_ADDED, "Added document " + document.fileName(),
                List.of(), details);
        if (claim.status() != ClaimStatus.EDITING) {
            journal.publish(new ClaimEdited(journal.newEventId(), journal.now(), claimId, partner(caller),
                    List.of("documents"), ClaimSnapshots.of(claim)));
        }
        return document;
    }

    /** Submit from EDITING, or resubmit from PARTNER_ACTION_REQUIRED; checks exclusivity (§2). */
    @Transactional
    public ClaimView submit(Caller caller, String claimId, LongConsumer precondition) {
        lockTenantOf(claimId);
        Claim claim = ownedForUpdate(caller, claimId);
        long loaded = claim.version();
        precondition.accept(loaded);
        Actor actor = partner(caller);
        Transition transition = claim.submit(actor, (int) documents.count(claimId), journal.now(), limits.fields());
        List<ClaimRepository.Overlap> overlaps = exclusivity.otherPartnersOverlaps(claim);
        List<String> competing = overlaps.stream().map(ClaimRepository.Overlap::claimId).distinct().toList();
        boolean newlyCompeting = claim.flagCompetingWith(competing, journal.now());
        claims.update(claim, loaded);
        if (transition.from() == ClaimStatus.PARTNER_ACTION_REQUIRED) {
            journal.publish(new ClaimResubmitted(journal.newEventId(), journal.now(), claimId, actor, ClaimSnapshots.of(claim)));
        } else {
            journal.publish(new ClaimSubmitted(journal.newEventId(), journal.now(), claimId, actor, ClaimSnapshots.of(claim)));
        }
        journal.statusChanged(claim, transition);
        if (newlyCompeting) {
            exclusivity.flagCompeting(claim, competing, overlaps);
        }
        return view(caller, claim);
    }

    /** @param text the partner's words: optional, required for {@link WithdrawalReason#OTHER} */
    @Transactional
    public ClaimView withdraw(Caller caller, String claimId, WithdrawalReason reason, String text,
                              LongConsumer precondition) {
        if (reason == null) {
            throw new InvalidRequestException("reason", "is required, one of " + java.util.Arrays.toString(WithdrawalReason.values()));
        }
        String words = text == null || text.isBlank() ? null : text.strip();
        if (words != null && words.length() > limits.maxReasonLength()) {
            throw new InvalidRequestException("text", "must be at most " + limits.maxReasonLength() + " characters");
        }
        if (words == null && reason == WithdrawalReason.OTHER) {
            throw new InvalidRequestException("text", "is required when the reason is OTHER");
        }
        Claim claim = ownedForUpdate(caller, claimId);
        long loaded = claim.version();
        precondition.accept(loaded);
        Actor actor = partner(caller);
        Transition transition = claim.withdraw(actor, reason, words, journal.now());
        claims.update(claim, loaded);
        // events before codes carried free text in `reason`: it stays readable for consumers of that shape
        String legacyReason = words != null ? words : reason.name();
        journal.publish(new ClaimWithdrawn(journal.newEventId(), journal.now(), claimId, actor, legacyReason,
                transition.from(), ClaimSnapshots.of(claim), reason));
        journal.statusChanged(claim, transition, Map.of("withdrawalReason", reason));
        if (claim.wasSentToEvaluation()) {
            journal.publish(new AssociationRevoked(journal.newEventId(), journal.now(), claimId, claim.details().partnerId(),
                    claim.details().customer().tenantId(), legacyReason, journal.now(), reason));
            journal.record(claimId, Actor.system("claim-service"), HistoryEntry.Kind.ASSOCIATION_REVOKED,
                    "Association revoked at incentive-eligibility evaluation");
        }
        return view(caller, claim);
    }

    @Transactional
    public ClaimView dispute(Caller caller, String claimId, String justification, List<String> documentIds,
                             LongConsumer precondition) {
        List<String> ids = documentIds == null ? List.of() : documentIds;
        if (justification != null && justification.length() > limits.maxCommentLength()) {
            throw new InvalidRequestException("justification", "must be at most " + limits.maxCommentLength() + " characters");
        }
        if (ids.size() > limits.maxDocuments()) {
            throw new InvalidRequestException("documentIds", "must name at most " + limits.maxDocuments() + " documents");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).length() > MAX_ID) {
                throw new InvalidRequestException("documentIds[" + i + "]", "is not a document of this claim");
            }
        }
        if ((justification == null || justification.isBlank()) && ids.isEmpty()) {
            throw new InvalidRequestException("justification", "a business justification and/or updated documents are required");
        }
        Claim claim = ownedForUpdate(caller, claimId);
        long loaded = claim.version();
        precondition.accept(loaded);
        Actor actor = partner(caller);
        Transition transition = claim.dispute(actor, justification, journal.now());
        Set<String> known = new TreeSet<>(documents.list(claimId).stream().map(PoeDocument::id).toList());
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
                throw new InvalidRequestException("documentIds[" + i + "]", "is not a document of this claim");
            }
        }
        claims.update(claim, loaded);
        journal.publish(new ClaimDisputed(journal.newEventId(), journal.now(), claimId, actor, justification, ids,
                ClaimSnapshots.of(claim)));
        journal.statusChanged(claim, transition);
        return view(caller, claim);
    }

    /** Partners comment on their own claims, reviewers on any claim. */
    @Transactional
    public Comment addComment(Caller caller, String claimId, String text, LongConsumer precondition) {
        if (text == null || text.length() > limits.maxCommentLength() || text.isBlank()) {
            throw new InvalidRequestException("text", "is required (at most " + limits.maxCommentLength() + " characters)");
        }
        // locked like every other write: the event's snapshot must not be older than a transition committing meanwhile
        Claim claim = visible(caller, claims.findForUpdate(claimId).orElse(null), claimId);
        precondition.accept(claim.version());
        Actor author = caller.asActor(caller.isReviewer() ? Actor.ActorKind.REVIEWER : Actor.ActorKind.PARTNER);
        if (comments.count(claimId) >= limits.maxComments()) {
            throw new ClaimConflictException(ClaimConflictException.Conflict.COMMENT_LIMIT,
                    "A claim may have at most " + limits.maxComments() + " comments");
        }
        Comment comment = new Comment("k-" + UUID.randomUUID(), claimId, author, text, journal.now());
        comments.insert(comment);
        journal.record(claimId, author, HistoryEntry.Kind.COMMENT_ADDED, text, List.of(),
                Map.of("commentId", comment.id()));
        journal.publish(new CommentAdded(journal.newEventId(), journal.now(), claimId, comment.id(), author, text,
                ClaimSnapshots.of(claim)));
        return comment;
    }

    // ---- helpers

    private ClaimView view(Caller caller, Claim claim) {
        return new ClaimView(claim, documents.list(claim.id()), claim.allowedActions(journal.now()),
                seesCompetitors(caller), calendarsOf(claim));
    }

    /** Which calendar counts which deadline: the partner's (from the directory) and the review team's. */
    private ClaimView.DeadlineCalendars calendarsOf(Claim claim) {
        BusinessCalendar team = calendars.team();
        PartnerOrganisation organisation = claim.partnerOrganisation();
        BusinessCalendar partner = organisation == null ? team
                : calendars.partner(organisation.country(), organisation.timeZone());
        return new ClaimView.DeadlineCalendars(
                new ClaimView.Calendar(partner.country().toUpperCase(java.util.Locale.ROOT), partner.zone().getId(),
                        List.of("partnerResponseDueAt", "disputeUntil")),
                new ClaimView.Calendar(team.country().toUpperCase(java.util.Locale.ROOT), team.zone().getId(),
                        List.of("reviewStartDueAt", "reviewDecisionDueAt", "disputeReviewDueAt")));
    }

    /** 404 for claims that do not exist and for those the caller may not see (another partner's). */
    private static Claim visible(Caller caller, Claim claim, String claimId) {
        if (claim == null || !(caller.isReviewer() || caller.actsFor(claim.details().partnerId()))) {
            throw new NotFoundException("Claim", claimId);
        }
        return claim;
    }

    /** The tenant lock comes before any claim row lock, always in this order, so exclusivity checks cannot deadlock. */
    private void lockTenantOf(String claimId) {
        claims.find(claimId).ifPresent(claim -> claims.lockTenantForExclusivity(claim.details().customer().tenantId()));
    }

    private Claim ownedForUpdate(Caller caller, String claimId) {
        Claim claim = claims.findForUpdate(claimId).orElse(null);
        if (claim == null || !caller.actsFor(claim.details().partnerId())) {
            throw new NotFoundException("Claim", claimId);
        }
        return claim;
    }

    /**
     * The partnerId must be one of the caller's and in the partner directory (spec §8); returns its organisation
     * (null, with a violation, when it is neither).
     */
    private PartnerOrganisation checkPartnerId(Caller caller, String partnerId, List<Violation> violations) {
        if (partnerId == null || partnerId.isBlank()) {
            return null;
        }
        if (!caller.actsFor(partnerId)) {
            violations.add(new Violation("partnerId", "must be one of your partner IDs " + new TreeSet<>(caller.partnerIds())));
            return null;
        }
        PartnerOrganisation organisation = partners.organisationOf(partnerId).orElse(null);
        if (organisation == null) {
            violations.add(new Violation("partnerId", "is not a known partner ID: " + partnerId
                    + " is not in the partner directory (ask CPOR support to add your organisation)"));
        }
        return organisation;
    }

    private static Actor partner(Caller caller) {
        return caller.asActor(Actor.ActorKind.PARTNER);
    }

    private static String safeFileName(String fileName, DocumentType type) {
        String base = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(base.length());
        base.codePoints().filter(c -> !Character.isISOControl(c) && c != '"' && !Character.isSurrogate((char) c))
                .forEach(kept::appendCodePoint);
        String name = kept.toString().strip();
        if (name.isEmpty()) {
            name = "document." + type.name().toLowerCase();
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
