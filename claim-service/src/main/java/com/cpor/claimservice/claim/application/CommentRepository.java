package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Comment;

import java.util.List;

/** Port: the comment thread of each claim. */
public interface CommentRepository {

    void insert(Comment comment);

    List<Comment> list(String claimId);

    /** The thread in the order it was written, {@code limit} comments from {@code offset}. */
    List<Comment> list(String claimId, long offset, int limit);

    long count(String claimId);
}
