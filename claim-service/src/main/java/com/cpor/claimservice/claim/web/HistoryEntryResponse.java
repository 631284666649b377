package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.domain.FieldChange;
import com.cpor.claimservice.claim.domain.HistoryEntry;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@Schema(description = "One line of the claim's append-only history")
public record HistoryEntryResponse(long sequence, Instant at, CommentResponse.ActorResponse actor,
                                   HistoryEntry.Kind kind, String summary,
                                   @Schema(description = "Edited fields with their values before and after")
                                   List<FieldChange> changes,
                                   Map<String, Object> details) {

    static HistoryEntryResponse of(HistoryEntry entry) {
        return new HistoryEntryResponse(entry.sequence(), entry.at(), CommentResponse.ActorResponse.of(entry.actor()),
                entry.kind(), entry.summary(), entry.changes(), entry.details());
    }
}
