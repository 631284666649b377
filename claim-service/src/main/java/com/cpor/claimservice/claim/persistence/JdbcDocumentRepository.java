package com.cpor.claimservice.claim.persistence;

import com.cpor.claimservice.claim.application.DocumentRepository;
import com.cpor.claimservice.claim.domain.PoeDocument;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** PoE files, bytes included, in PostgreSQL: durable with the claim, backed up with it. */
@Repository
class JdbcDocumentRepository implements DocumentRepository {

    private static final String META = "document_id, claim_id, file_name, content_type, size, sha256, uploaded_at, uploaded_by";

    private final JdbcClient jdbc;

    JdbcDocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(PoeDocument document, byte[] content) {
        jdbc.sql("INSERT INTO claim_document (" + META + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(document.id(), document.claimId(), document.fileName(), document.contentType(), document.size(),
                        document.sha256(), Timestamp.from(document.uploadedAt()), document.uploadedBy(), content)
                .update();
    }

    public List<PoeDocument> list(String claimId) {
        return list(claimId, 0, Integer.MAX_VALUE);
    }

    public List<PoeDocument> list(String claimId, long offset, int limit) {
        return jdbc.sql("SELECT " + META + " FROM claim_document WHERE claim_id = ? ORDER BY sequence_number OFFSET ? LIMIT ?")
                .params(claimId, offset, limit).query(JdbcDocumentRepository::toDocument).list();
    }

    public long count(String claimId) {
        return jdbc.sql("SELECT count(*) FROM claim_document WHERE claim_id = ?").param(claimId).query(Long.class).single();
    }

    public Optional<PoeDocument> find(String claimId, String documentId) {
        return jdbc.sql("SELECT " + META + " FROM claim_document WHERE claim_id = ? AND document_id = ?")
                .params(claimId, documentId).query(JdbcDocumentRepository::toDocument).optional();
    }

    public byte[] content(String documentId) {
        return jdbc.sql("SELECT content FROM claim_document WHERE document_id = ?").param(documentId)
                .query((rs, n) -> rs.getBytes(1)).single();
    }

    public long totalSize(String claimId) {
        return jdbc.sql("SELECT coalesce(sum(size), 0) FROM claim_document WHERE claim_id = ?").param(claimId)
                .query(Long.class).single();
    }

    private static PoeDocument toDocument(ResultSet rs, int row) throws SQLException {
        return new PoeDocument(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8));
    }
}
