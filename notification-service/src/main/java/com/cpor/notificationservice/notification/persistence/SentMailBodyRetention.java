package com.cpor.notificationservice.notification.persistence;

import com.cpor.platform.retention.RetentionTask;
import com.cpor.platform.retention.SqlRetentionTask;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

/**
 * Empties the bodies of mail sent longer ago than {@code keep}; the row (recipient, template, status, event id,
 * times) stays as the log of what was sent. Pending and failed mail keeps its body: it may still be sent.
 */
public final class SentMailBodyRetention {

    private SentMailBodyRetention() {
    }

    public static RetentionTask olderThan(JdbcClient jdbc, Duration keep) {
        return new SqlRetentionTask("mail-bodies", jdbc, """
                UPDATE notification SET text_body = '', html_body = '', body_purged_at = now()
                WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM notification
                    WHERE status = 'SENT' AND body_purged_at IS NULL
                        AND sent_at < now() - :keepSeconds * interval '1 second'
                    LIMIT :limit))
                """, keep);
    }
}
