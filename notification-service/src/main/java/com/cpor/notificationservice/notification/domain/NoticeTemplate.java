package com.cpor.notificationservice.notification.domain;

/**
 * The notices of the specification (§5). Each has a subject, an HTML body and a text body per locale:
 * {@code mail/html/<name>.html}, {@code mail/text/<name>.txt} and {@code <name>.subject} in the bundles.
 */
public enum NoticeTemplate {
    /** customer: the partner's association was approved; decline within the consent window (link). */
    CUSTOMER_CONSENT_REQUEST("customer-consent-request"),
    /** partner: approved, the customer may decline until the window end. */
    PARTNER_CLAIM_APPROVED("partner-claim-approved"),
    /** partner: the reviewer needs more information by the respond-by date. */
    PARTNER_ACTION_REQUIRED("partner-action-required"),
    /** partner: rejected by a reviewer or for no partner response; where to see it, how and until when to dispute. */
    PARTNER_CLAIM_REJECTED("partner-claim-rejected"),
    /** partner: the customer declined during the consent window (final). */
    PARTNER_CUSTOMER_DECLINED("partner-customer-declined"),
    /** partner: the dispute was received and will be reviewed. */
    PARTNER_DISPUTE_RECEIVED("partner-dispute-received"),
    /** partner: the dispute was decided (overturned or upheld). */
    PARTNER_DISPUTE_OUTCOME("partner-dispute-outcome"),
    /** partner: a reviewer commented on the claim. */
    PARTNER_NEW_COMMENT("partner-new-comment"),
    /** partner: the consent window closed and the association went to incentive-eligibility evaluation. */
    PARTNER_SENT_TO_EVALUATION("partner-sent-to-evaluation"),
    /** partner: the partner-response deadline is near. */
    PARTNER_RESPONSE_REMINDER("partner-response-reminder"),
    /** reviewer (or review team): the partner commented on the claim. */
    REVIEWER_NEW_COMMENT("reviewer-new-comment"),
    /** assigned reviewer and review lead: a review deadline passed. */
    REVIEW_SLA_BREACHED("review-sla-breached");

    private final String templateName;

    NoticeTemplate(String templateName) {
        this.templateName = templateName;
    }

    /**
     * Whether delivery or permanent failure is reported on {@code cpor.notifications.v1}: the customer's consent
     * notice is, because the opt-out window counts from its delivery (docs/adr/001-consent-window-start.md).
     */
    public boolean reportsDelivery() {
        return this == CUSTOMER_CONSENT_REQUEST;
    }

    /** The name of the template files and the prefix of its message keys. */
    public String templateName() {
        return templateName;
    }

    public static NoticeTemplate byTemplateName(String templateName) {
        for (NoticeTemplate template : values()) {
            if (template.templateName.equals(templateName)) {
                return template;
            }
        }
        throw new IllegalArgumentException("No notice template " + templateName);
    }
}
