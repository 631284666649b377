package com.cpor.notificationservice.notification;

import com.cpor.platform.retention.RetentionCleaner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Sent mail keeps its row (the sent log) but loses its body after the retention (default 7 days). */
class SentMailRetentionIT extends NotificationServiceTestBase {

    @Autowired
    RetentionCleaner retention;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_body_of_mail_sent_longer_ago_than_the_retention_is_dropped_and_the_sent_log_stays() {
        String claimId = "c-" + UUID.randomUUID();
        UUID sentLongAgo = notification(claimId, "SENT", 8);
        UUID sentRecently = notification(claimId, "SENT", 6);
        UUID failedLongAgo = notification(claimId, "FAILED", 30);

        retention.purgeAll();

        Map<String, Object> purged = row(sentLongAgo);
        assertThat(purged).containsEntry("text_body", "").containsEntry("html_body", "")
                .containsEntry("status", "SENT").containsEntry("template", "partner-claim-approved")
                .containsEntry("recipient", "partner@retention.example").containsKey("event_id");
        assertThat(purged.get("body_purged_at")).isNotNull();
        assertThat(row(sentRecently)).containsEntry("text_body", "Your claim was approved.");
        assertThat(row(failedLongAgo)).containsEntry("text_body", "Your claim was approved.");
    }

    private UUID notification(String claimId, String status, int daysAgo) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO notification (notification_id, claim_id, event_id, event_type, template, recipient,
                            locale, subject, text_body, html_body, status, next_attempt_at, created_at, sent_at)
                        VALUES (?, ?, ?, 'ReviewApproved', 'partner-claim-approved', 'partner@retention.example',
                            'en-US', 'Approved', 'Your claim was approved.', '<p>Your claim was approved.</p>', ?,
                            now() - ? * interval '1 day', now() - ? * interval '1 day',
                            CASE WHEN ? = 'SENT' THEN now() - ? * interval '1 day' END)
                        """)
                .params(id, claimId, UUID.randomUUID(), status, daysAgo, daysAgo, status, daysAgo).update();
        return id;
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT * FROM notification WHERE notification_id = ?").param(id).query().singleRow();
    }
}
