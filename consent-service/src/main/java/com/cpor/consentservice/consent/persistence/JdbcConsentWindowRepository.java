package com.cpor.consentservice.consent.persistence;

import com.cpor.consentservice.consent.application.ConsentWindowRepository;
import com.cpor.consentservice.consent.domain.ConsentStatus;
import com.cpor.consentservice.consent.domain.ConsentWindow;
import com.cpor.consentservice.consent.domain.Declination;
import com.cpor.consentservice.consent.domain.EndingWindow;
import com.cpor.consentservice.consent.domain.NoticeState;
import com.cpor.events.ClaimSnapshot;
import com.cpor.platform.messaging.EventJson;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcConsentWindowRepository implements ConsentWindowRepository {

    private static final String COLUMNS = """
            consent_id, claim_id, opened_by_event_id, status, token_sha256, opened_at, window_ends_at, closed_at,
            claim_snapshot, declined_at, declined_by_name, declined_by_email, declined_from_ip, declined_user_agent,
            request_event_id, notice_status, notice_delivered_at
            """;
    private static final int MAX_USER_AGENT = 512;

    private final JdbcClient jdbc;
    private final RowMapper<ConsentWindow> rows = JdbcConsentWindowRepository::toWindow;

    JdbcConsentWindowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(ConsentWindow window) {
        jdbc.sql("""
                        INSERT INTO consent_window (consent_id, claim_id, opened_by_event_id, status, token_sha256,
                                                    opened_at, window_ends_at, claim_snapshot, request_event_id,
                                                    notice_status, notice_delivered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(window.consentId(), window.claimId(), window.openedByEventId(), window.status().name(),
                        window.tokenHash(), timestamp(window.openedAt()), timestamp(window.windowEndsAt()),
                        EventJson.mapper().writeValueAsString(window.claim()), window.requestEventId(),
                        window.notice().name(), timestamp(window.noticeDeliveredAt()))
                .update();
    }

    @Override
    public void update(ConsentWindow window) {
        Declination declination = window.declination();
        jdbc.sql("""
                        UPDATE consent_window SET status = ?, closed_at = ?, window_ends_at = ?, notice_status = ?,
                               notice_delivered_at = ?, declined_at = ?, declined_by_name = ?, declined_by_email = ?,
                               declined_from_ip = ?, declined_user_agent = ?
                        WHERE consent_id = ?
                        """)
                .params(window.status().name(), timestamp(window.closedAt()), timestamp(window.windowEndsAt()),
                        window.notice().name(), timestamp(window.noticeDeliveredAt()),
                        declination == null ? null : timestamp(declination.at()),
                        declination == null ? null : declination.recipientName(),
                        declination == null ? null : declination.recipientEmail(),
                        declination == null ? null : declination.ipAddress(),
                        declination == null ? null : truncate(declination.userAgent()), window.consentId())
                .update();
    }

    @Override
    public void updateEnded(List<EndingWindow> windows) {
        if (windows.isEmpty()) {
            return;
        }
        List<Object> values = new ArrayList<>(windows.size() * 3);
        for (EndingWindow window : windows) {
            values.addAll(Arrays.asList(window.consentId(), window.status().name(), timestamp(window.closedAt())));
        }
        String row = "(CAST(? AS varchar), CAST(? AS varchar), CAST(? AS timestamptz))";
        jdbc.sql("""
                        UPDATE consent_window w SET status = v.status, closed_at = v.closed_at
                        FROM (VALUES %s) AS v(consent_id, status, closed_at)
                        WHERE w.consent_id = v.consent_id
                        """.formatted(String.join(", ", Collections.nCopies(windows.size(), row))))
                .params(values)
                .update();
    }

    @Override
    public Optional<ConsentWindow> findOpenByClaimForUpdate(String claimId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_window WHERE claim_id = ? AND status = 'OPEN' FOR UPDATE")
                .param(claimId).query(rows).optional();
    }

    @Override
    public Optional<ConsentWindow> findByTokenHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_window WHERE token_sha256 = ?")
                .param(tokenHash).query(rows).optional();
    }

    @Override
    public Optional<ConsentWindow> findOpenByClaim(String claimId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_window WHERE claim_id = ? AND status = 'OPEN'")
                .param(claimId).query(rows).optional();
    }

    @Override
    public Optional<ConsentWindow> findForUpdate(String consentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_window WHERE consent_id = ? FOR UPDATE")
                .param(consentId).query(rows).optional();
    }

    /** Not the claim snapshot: closing a window never needs it, and parsing it was a timer storm's hottest code (JFR). */
    @Override
    public List<EndingWindow> findEndingForUpdate(List<String> consentIds) {
        if (consentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT consent_id, claim_id, status, notice_status, window_ends_at, closed_at
                        FROM consent_window WHERE consent_id IN (:ids) ORDER BY consent_id FOR UPDATE
                        """)
                .param("ids", consentIds)
                .query((rs, row) -> new EndingWindow(rs.getString("consent_id"), rs.getString("claim_id"),
                        ConsentStatus.valueOf(rs.getString("status")), NoticeState.valueOf(rs.getString("notice_status")),
                        instant(rs, "window_ends_at"), instant(rs, "closed_at")))
                .list();
    }

    @Override
    public Optional<ConsentWindow> findByRequestEventForUpdate(UUID requestEventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_window WHERE request_event_id = ? FOR UPDATE")
                .param(requestEventId).query(rows).optional();
    }

    @Override
    public List<ConsentWindow> findByClaim(String claimId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_window WHERE claim_id = ? ORDER BY opened_at, consent_id")
                .param(claimId).query(rows).list();
    }

    @Override
    public long countOpen() {
        return jdbc.sql("SELECT count(*) FROM consent_window WHERE status = 'OPEN'").query(Long.class).single();
    }

    private static ConsentWindow toWindow(ResultSet rs, int row) throws SQLException {
        Instant declinedAt = instant(rs, "declined_at");
        Declination declination = declinedAt == null ? null : new Declination(declinedAt,
                rs.getString("declined_by_name"), rs.getString("declined_by_email"),
                rs.getString("declined_from_ip"), rs.getString("declined_user_agent"));
        return new ConsentWindow(rs.getString("consent_id"), rs.getString("claim_id"),
                rs.getObject("opened_by_event_id", java.util.UUID.class),
                EventJson.mapper().readValue(rs.getString("claim_snapshot"), ClaimSnapshot.class),
                rs.getString("token_sha256"), instant(rs, "opened_at"), instant(rs, "window_ends_at"),
                ConsentStatus.valueOf(rs.getString("status")), instant(rs, "closed_at"), declination,
                rs.getObject("request_event_id", UUID.class), NoticeState.valueOf(rs.getString("notice_status")),
                instant(rs, "notice_delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent
                : userAgent.substring(0, MAX_USER_AGENT);
    }
}
