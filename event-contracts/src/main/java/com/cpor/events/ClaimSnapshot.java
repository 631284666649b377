package com.cpor.events;

import java.time.Instant;
import java.util.List;

/** The claim as it stands after a change: what consumers need without calling claim-service. */
public record ClaimSnapshot(
        String claimId,
        String name,
        String partnerId,
        SolutionArea solutionArea,
        Activity activity,
        Program program,
        Customer customer,
        List<Product> products,
        Contact customerContact,
        Contact customerTechnicalContact,
        Contact partnerContact,
        String solutionSellerName,
        String isvSolutionName,
        ClaimStatus status,
        Rejection rejection,
        Deadlines deadlines,
        List<String> competingClaimIds,
        Instant eligibilitySentAt,
        int disputeCount,
        Instant submittedAt,
        Instant approvedAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        PartnerOrganisation partnerOrganisation,
        RequestedChanges requestedChanges) {

    /** A snapshot as written before the partner directory and {@code requestedChanges} (old-shape readers and tests). */
    public ClaimSnapshot(String claimId, String name, String partnerId, SolutionArea solutionArea, Activity activity,
                         Program program, Customer customer, List<Product> products, Contact customerContact,
                         Contact customerTechnicalContact, Contact partnerContact, String solutionSellerName,
                         String isvSolutionName, ClaimStatus status, Rejection rejection, Deadlines deadlines,
                         List<String> competingClaimIds, Instant eligibilitySentAt, int disputeCount,
                         Instant submittedAt, Instant approvedAt, Instant createdAt, Instant updatedAt, long version) {
        this(claimId, name, partnerId, solutionArea, activity, program, customer, products, customerContact,
                customerTechnicalContact, partnerContact, solutionSellerName, isvSolutionName, status, rejection,
                deadlines, competingClaimIds, eligibilitySentAt, disputeCount, submittedAt, approvedAt, createdAt,
                updatedAt, version, null, null);
    }

    /** The same snapshot naming the partner organisation behind its partnerId. */
    public ClaimSnapshot withPartnerOrganisation(PartnerOrganisation organisation) {
        return new ClaimSnapshot(claimId, name, partnerId, solutionArea, activity, program, customer, products,
                customerContact, customerTechnicalContact, partnerContact, solutionSellerName, isvSolutionName, status,
                rejection, deadlines, competingClaimIds, eligibilitySentAt, disputeCount, submittedAt, approvedAt,
                createdAt, updatedAt, version, organisation, requestedChanges);
    }

    /**
     * The organisation behind the claim's partnerId, from claim-service's partner directory (spec §8): what the
     * customer is told, and the calendar of the partner's deadlines.
     *
     * @param partnerId the organisation's own partner ID (MPN); the claim may name one of its location IDs
     * @param country   ISO 3166 code whose business calendar counts the partner's deadlines
     * @param timeZone  IANA zone the partner's deadlines are counted and shown in
     */
    public record PartnerOrganisation(String partnerId, String name, String country, String timeZone) {
    }

    /** {@code declaredDomains}: further e-mail domains the customer uses besides {@code domain} (may be empty). */
    public record Customer(String tenantId, String domain, String name, List<String> declaredDomains) {

        public Customer {
            declaredDomains = declaredDomains == null ? List.of() : List.copyOf(declaredDomains);
        }

        public Customer(String tenantId, String domain, String name) {
            this(tenantId, domain, name, List.of());
        }
    }

    /** A product code from the catalogue; Business Applications products carry a subscription. */
    public record Product(String code, String subscriptionId) {
    }

    /**
     * {@code locale} is a BCP 47 tag: en-US, zh-CN, ru-RU, pl-PL, hu-HU. {@code timeZone} is an IANA zone id the
     * contact's dates are shown in; null when the partner gave none ({@link ContactTimeZones} picks the default).
     */
    public record Contact(String name, String title, String email, String locale, String timeZone) {

        public Contact(String name, String title, String email, String locale) {
            this(name, title, email, locale, null);
        }
    }

    /** {@code withdrawalReason} is set for a partner request (withdrawal), null otherwise and in older events. */
    public record Rejection(RejectionReason reason, String comment, Instant at, boolean finalDecision,
                            WithdrawalReason withdrawalReason) {

        public Rejection(RejectionReason reason, String comment, Instant at, boolean finalDecision) {
            this(reason, comment, at, finalDecision, null);
        }
    }

    /**
     * What the reviewer asked of the partner in the open partner-action request (null when none is open):
     * products to remove before resubmitting (product codes), the reasons and the reviewer's comment.
     */
    public record RequestedChanges(List<PartnerActionReason> reasons, String comment, List<String> productsToRemove,
                                   Instant requestedAt) {
    }

    /** {@code decisionTargetDueAt}: the overall decision target (null while the partner is asked to act). */
    public record Deadlines(Instant reviewStartDueAt, Instant reviewDecisionDueAt, Instant partnerResponseDueAt,
                            Instant consentWindowEndsAt, Instant disputeUntil, Instant disputeReviewDueAt,
                            Instant decisionTargetDueAt) {

        public static final Deadlines NONE = new Deadlines(null, null, null, null, null, null, null);

        public Deadlines(Instant reviewStartDueAt, Instant reviewDecisionDueAt, Instant partnerResponseDueAt,
                         Instant consentWindowEndsAt, Instant disputeUntil, Instant disputeReviewDueAt) {
            this(reviewStartDueAt, reviewDecisionDueAt, partnerResponseDueAt, consentWindowEndsAt, disputeUntil,
                    disputeReviewDueAt, null);
        }
    }
}
