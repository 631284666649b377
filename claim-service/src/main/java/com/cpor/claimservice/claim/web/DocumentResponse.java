package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.domain.PoeDocument;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "A proof-of-execution document; its type was judged by content")
public record DocumentResponse(String id, String fileName, String contentType, long size,
                               @Schema(description = "hex SHA-256 of the stored bytes") String sha256,
                               Instant uploadedAt) {

    static DocumentResponse of(PoeDocument document) {
        return new DocumentResponse(document.id(), document.fileName(), document.contentType(), document.size(),
                document.sha256(), document.uploadedAt());
    }
}
