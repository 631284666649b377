package com.cpor.claimservice.claim.persistence;

import com.cpor.claimservice.claim.application.CommentRepository;
import com.cpor.claimservice.claim.domain.Comment;
import com.cpor.events.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;

@Repository
class JdbcCommentRepository implements CommentRepository {

    private final JdbcClient jdbc;

    JdbcCommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Comment comment) {
        jdbc.sql("INSERT INTO claim_comment (comment_id, claim_id, author, text, created_at) VALUES (?, ?, CAST(? AS jsonb), ?, ?)")
                .params(comment.id(), comment.claimId(), ClaimJson.write(comment.author()), comment.text(),
                        Timestamp.from(comment.createdAt()))
                .update();
    }

    public List<Comment> list(String claimId) {
        return list(claimId, 0, Integer.MAX_VALUE);
    }

    /** The thread in the order it was written, {@code limit} comments from {@code offset}. */
    public List<Comment> list(String claimId, long offset, int limit) {
        return jdbc.sql("""
                        SELECT comment_id, claim_id, author, text, created_at FROM claim_comment WHERE claim_id = ?
                        ORDER BY sequence_number OFFSET ? LIMIT ?
                        """)
                .params(claimId, offset, limit)
                .query((rs, n) -> new Comment(rs.getString(1), rs.getString(2), ClaimJson.read(rs.getString(3), Actor.class),
                        rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    public long count(String claimId) {
        return jdbc.sql("SELECT count(*) FROM claim_comment WHERE claim_id = ?").param(claimId).query(Long.class).single();
    }
}
