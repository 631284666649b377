package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.domain.ClaimDetails;
import com.cpor.platform.web.InvalidInputProblem;
import com.cpor.platform.web.JsonInputErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** JSON merge patch (RFC 7396) of a claim's fields; fields the platform keeps are refused by name. */
final class MergePatch {

    /** Present on a claim but never set by a partner (mass assignment is refused, not ignored). */
    static final Set<String> PLATFORM_FIELDS = Set.of("id", "status", "program", "documents", "deadlines", "rejection",
            "competingClaimIds", "competing", "requestedChanges", "eligibility", "disputeCount", "allowedActions", "submittedAt", "approvedAt",
            "createdAt", "updatedAt", "version");

    private final ObjectNode patch;
    private final JsonMapper json;

    MergePatch(JsonNode patch, JsonMapper json) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidInputProblem("body", "must be a JSON object (merge patch)");
        }
        this.patch = (ObjectNode) patch;
        this.json = json;
        List<InvalidInputProblem.FieldError> errors = new ArrayList<>();
        for (String field : patch.propertyNames()) {
            if (PLATFORM_FIELDS.contains(field)) {
                errors.add(new InvalidInputProblem.FieldError(field, "is kept by the platform and cannot be changed"));
            } else if (!ClaimDetails.FIELDS.contains(field)) {
                errors.add(new InvalidInputProblem.FieldError(field, "is not a field of a claim"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputProblem(errors);
        }
    }

    Set<String> touchedFields() {
        return new LinkedHashSet<>(patch.propertyNames());
    }

    ClaimDetails applyTo(ClaimDetails current) {
        JsonNode merged = merge(json.valueToTree(ClaimFields.of(current)), patch);
        try {
            return json.treeToValue(merged, ClaimFields.class).toDetails();
        } catch (JacksonException e) {
            throw new InvalidInputProblem(List.of(JsonInputErrors.describe(e)));
        }
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonMapper.shared().createObjectNode();
        for (String field : patch.propertyNames()) {
            JsonNode value = patch.get(field);
            if (value.isNull()) {
                result.remove(field);
            } else {
                result.set(field, merge(result.get(field), value));
            }
        }
        return result;
    }
}
