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
                                   List<FieldChangeResponse> changes,
                                   Map<String, Object> details) {

    /** One edited field as the API shows it (the domain's FieldChange; the schema keeps its name). */
    @Schema(name = "FieldChange")
    public record FieldChangeResponse(String field, Object before, Object after) {

        static FieldChangeResponse of(FieldChange change) {
            return new FieldChangeResponse(change.field(), change.before(), change.after());
        }
    }

    static HistoryEntryResponse of(HistoryEntry entry) {
        return new HistoryEntryResponse(entry.sequence(), entry.at(), CommentResponse.ActorResponse.of(entry.actor()),
                entry.kind(), entry.summary(),
                entry.changes().stream().map(FieldChangeResponse::of).toList(), entry.details());
    }
}
