package com.cpor.notificationservice.config;

import com.cpor.notificationservice.notification.domain.DeliveryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * {@code cpor.notifications.*}: where notices come from, where their links point, and how delivery is tried.
 *
 * @param from              sender address of every notice
 * @param fromName          sender display name
 * @param consoleUrl        public base URL of the web console: partner mails link to its claim page
 *                          {@code <base>/claims/<claimId>}, reviewer mails to its review page {@code <base>/reviews/<claimId>}
 * @param reviewTeamEmail   receives partner comments on claims with no assigned reviewer yet
 * @param reviewLeadEmail   receives every SLA breach escalation
 * @param staffLocale       language of mails to reviewers and the review lead (their locale is not known)
 * @param timeZone          zone dates in mails are shown in
 * @param messageIdDomain   right-hand side of the deterministic {@code Message-ID}
 * @param delivery          how the sender polls and retries
 */
@ConfigurationProperties("cpor.notifications")
public record NotificationProperties(
        @DefaultValue("no-reply@cpor.example") String from,
        @DefaultValue("CPOR Partner Center") String fromName,
        @DefaultValue("http://localhost:8080") String consoleUrl,
        @DefaultValue("review-team@cpor.example") String reviewTeamEmail,
        @DefaultValue("review-lead@cpor.example") String reviewLeadEmail,
        @DefaultValue("en-US") String staffLocale,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("notifications.cpor.example") String messageIdDomain,
        @DefaultValue Delivery delivery) {

    /**
     * @param enabled        whether this instance runs the sender (any number of instances may)
     * @param pollInterval   how soon a sender looks for mail again after a failed round
     * @param idlePollInterval the longest a sender waits between looks: it otherwise sleeps until the next retry falls
     *                       due and is woken when mail is queued or replayed in this instance, so this only catches
     *                       mail of an instance that stopped before sending it
     * @param maxAttempts    SMTP attempts before a notification is parked as FAILED
     * @param initialBackoff delay after the first failure; doubles up to {@code maxBackoff}
     * @param workers        sender threads per instance; each holds a database connection while it sends
     * @param mailsPerConnection mails a sender sends over one SMTP connection before it opens a new one
     */
    public record Delivery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("30s") Duration idlePollInterval,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("10s") Duration initialBackoff,
            @DefaultValue("30m") Duration maxBackoff,
            @DefaultValue("4") int workers,
            @DefaultValue("100") int mailsPerConnection) {

        public DeliveryPolicy policy() {
            return new DeliveryPolicy(maxAttempts, initialBackoff, maxBackoff);
        }
    }

    public String claimLinkForPartner(String claimId) {
        return stripSlash(consoleUrl) + "/claims/" + claimId;
    }

    public String claimLinkForReviewer(String claimId) {
        return stripSlash(consoleUrl) + "/reviews/" + claimId;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
