package com.cpor.notificationservice.notification.persistence;

import com.cpor.events.consents.EncryptedLink;
import com.cpor.notificationservice.notification.application.NotificationStore;
import com.cpor.notificationservice.notification.domain.NoticeTemplate;
import com.cpor.notificationservice.notification.domain.Notification;
import com.cpor.notificationservice.notification.domain.NotificationStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcNotificationStore implements NotificationStore {

    private static final String COLUMNS = """
            notification_id, claim_id, event_id, event_type, template, recipient, recipient_name, locale, subject,
            text_body, html_body, status, attempts, next_attempt_at, last_error, created_at, sent_at,
            secret_link_key_id, secret_link_ciphertext""";

    private static final RowMapper<Notification> ROW = (rs, n) -> new Notification(
            rs.getObject("notification_id", UUID.class), rs.getString("claim_id"), rs.getObject("event_id", UUID.class),
            rs.getString("event_type"), NoticeTemplate.byTemplateName(rs.getString("template")),
            rs.getString("recipient"), rs.getString("recipient_name"), rs.getString("locale"), rs.getString("subject"),
            rs.getString("text_body"), rs.getString("html_body"), NotificationStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), rs.getString("last_error"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")),
            rs.getString("secret_link_ciphertext") == null ? null
                    : new EncryptedLink(rs.getString("secret_link_key_id"), rs.getString("secret_link_ciphertext")));

    private final JdbcClient jdbc;

    JdbcNotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean addIfAbsent(Notification n) {
        return jdbc.sql("INSERT INTO notification (" + COLUMNS + """
                        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(n.id(), n.claimId(), n.eventId(), n.eventType(), n.template().templateName(), n.recipient(),
                        n.recipientName(), n.locale(), n.subject(), n.textBody(), n.htmlBody(), n.status().name(),
                        n.attempts(), timestamp(n.nextAttemptAt()), n.lastError(), timestamp(n.createdAt()),
                        timestamp(n.sentAt()), n.secretLink() == null ? null : n.secretLink().keyId(),
                        n.secretLink() == null ? null : n.secretLink().ciphertext())
                .update() > 0;
    }

    @Override
    public Optional<Notification> lockNextPending() {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM notification WHERE status = 'PENDING'
                        ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .query(ROW).optional();
    }

    @Override
    public void markSent(UUID id, int attempts, Instant sentAt) {
        // the encrypted link is needed no longer: a SENT notification is never sent again
        jdbc.sql("""
                        UPDATE notification SET status = 'SENT', attempts = ?, sent_at = ?, last_error = NULL,
                               secret_link_key_id = NULL, secret_link_ciphertext = NULL
                        WHERE notification_id = ?""")
                .params(attempts, timestamp(sentAt), id).update();
    }

    @Override
    public void scheduleRetry(UUID id, int attempts, Instant nextAttemptAt, String error) {
        jdbc.sql("UPDATE notification SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE notification_id = ?")
                .params(attempts, timestamp(nextAttemptAt), error, id).update();
    }

    @Override
    public void markFailed(UUID id, int attempts, String error) {
        jdbc.sql("UPDATE notification SET status = 'FAILED', attempts = ?, last_error = ? WHERE notification_id = ?")
                .params(attempts, error, id).update();
    }

    @Override
    public boolean requeueFailed(UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE notification SET status = 'PENDING', attempts = 0, next_attempt_at = ?
                        WHERE notification_id = ? AND status = 'FAILED'""")
                .params(timestamp(now), id).update() > 0;
    }

    @Override
    public Optional<Notification> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE notification_id = ?").param(id).query(ROW).optional();
    }

    @Override
    public long count(NotificationStatus status) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE status = ?").param(status.name())
                .query(Long.class).single();
    }

    @Override
    public List<Notification> find(String claimId, NotificationStatus status, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM notification WHERE " + filter(claimId, status, params)
                + " ORDER BY created_at DESC, notification_id OFFSET ? LIMIT ?";
        params.add(offset);
        params.add(limit);
        return jdbc.sql(sql).params(params).query(ROW).list();
    }

    @Override
    public long count(String claimId, NotificationStatus status) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("SELECT count(*) FROM notification WHERE " + filter(claimId, status, params)).params(params)
                .query(Long.class).single();
    }

    private static String filter(String claimId, NotificationStatus status, List<Object> params) {
        StringBuilder where = new StringBuilder("true");
        if (claimId != null) {
            where.append(" AND claim_id = ?");
            params.add(claimId);
        }
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status.name());
        }
        return where.toString();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
