package com.cpor.claimservice.claim.domain;

import java.time.Instant;

/** A stored proof-of-execution file (metadata; the bytes stay in the document store). */
public record PoeDocument(String id, String claimId, String fileName, String contentType, long size, String sha256,
                          Instant uploadedAt, String uploadedBy) {
}
