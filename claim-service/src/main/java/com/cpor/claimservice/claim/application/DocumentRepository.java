package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.PoeDocument;

import java.util.List;
import java.util.Optional;

/** Port: the claims' proof-of-execution documents and their content. */
public interface DocumentRepository {

    void insert(PoeDocument document, byte[] content);

    List<PoeDocument> list(String claimId);

    /** Oldest first, {@code limit} documents from {@code offset}. */
    List<PoeDocument> list(String claimId, long offset, int limit);

    long count(String claimId);

    Optional<PoeDocument> find(String claimId, String documentId);

    byte[] content(String documentId);

    /** The bytes of all the claim's documents together. */
    long totalSize(String claimId);
}
