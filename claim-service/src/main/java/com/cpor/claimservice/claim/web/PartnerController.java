package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.application.PartnerDirectory;
import com.cpor.claimservice.claim.application.Slice;
import com.cpor.claimservice.claim.domain.PartnerOrganisation;
import com.cpor.claimservice.config.ClaimPolicyProperties;
import com.cpor.platform.security.Roles;
import com.cpor.platform.web.IfMatch;
import com.cpor.platform.web.InvalidInputProblem;
import com.cpor.platform.web.PageResponse;
import com.cpor.platform.web.Versioned;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.List;

/** The partner directory (spec §8): staff maintain it; reviewers read it beside the claims. */
@RestController
@RequestMapping("/api/v1/partners")
@Tag(name = "Partner directory", description = "Partner organisations behind partner IDs (MPN) and partner location "
        + "IDs: staff maintain them; a claim's partnerId must be in the directory")
class PartnerController {

    static final String READERS = "hasAnyRole('STAFF','REVIEWER','REVIEW_LEAD')";
    static final String MAINTAINERS = "hasRole('" + Roles.STAFF + "')";

    private final PartnerDirectory directory;
    private final ClaimPolicyProperties policy;

    PartnerController(PartnerDirectory directory, ClaimPolicyProperties policy) {
        this.directory = directory;
        this.policy = policy;
    }

    @Schema(description = "A partner organisation: its own partner ID (MPN), name, country and time zone, and the "
            + "further partner location IDs that name it")
    record PartnerResponse(@Schema(example = "1234567") String partnerId,
                           @Schema(example = "Nowak IT Solutions sp. z o.o.") String name,
                           @Schema(description = "ISO 3166 code: the business calendar of the partner's deadlines",
                                   example = "PL") String country,
                           @Schema(description = "IANA zone the partner's deadlines are counted and shown in",
                                   example = "Europe/Warsaw") String timeZone,
                           List<String> locationIds, Instant createdAt, Instant updatedAt, long version)
            implements Versioned {

        static PartnerResponse of(PartnerOrganisation organisation) {
            return new PartnerResponse(organisation.partnerId(), organisation.name(), organisation.country(),
                    organisation.timeZone(), organisation.locationIds(), organisation.createdAt(),
                    organisation.updatedAt(), organisation.version());
        }
    }

    @Schema(description = "An organisation as staff enter it; every field but locationIds is required")
    record PartnerRequest(@Schema(example = "Nowak IT Solutions sp. z o.o.", maxLength = 200) String name,
                          @Schema(example = "PL", pattern = "[A-Z]{2}") String country,
                          @Schema(example = "Europe/Warsaw") String timeZone,
                          @Schema(description = "Further partner location IDs of the organisation", example = "[\"1234568\"]")
                          List<String> locationIds) {
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "List partner organisations by name")
    PageResponse<PartnerResponse> list(
            @Parameter(description = "Text in the name, partner ID or a location ID") @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new InvalidInputProblem("page", "must be 0 or more");
        }
        if (size < 1 || size > policy.maxPageSize()) {
            throw new InvalidInputProblem("size", "must be between 1 and " + policy.maxPageSize());
        }
        Slice<PartnerOrganisation> slice = directory.list(q, page, size);
        return PageResponse.of(slice.items().stream().map(PartnerResponse::of).toList(), page, size, slice.total());
    }

    @GetMapping("/{partnerId}")
    @PreAuthorize(READERS)
    @Operation(summary = "The organisation a partner ID or partner location ID names")
    PartnerResponse get(@PathVariable String partnerId) {
        return PartnerResponse.of(directory.get(partnerId));
    }

    @PutMapping("/{partnerId}")
    @PreAuthorize(MAINTAINERS)
    @Operation(summary = "Add (201) or replace (200) the organisation whose own partner ID this is",
            description = "An ID another organisation holds is a 409, and so is dropping a location ID that claims name. "
                    + "Replacing needs If-Match with the organisation's ETag (428 without it); adding needs none.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Replaced", useReturnTypeSchema = true),
                    @ApiResponse(responseCode = "201", description = "Added; `Location` is the organisation's URL",
                            useReturnTypeSchema = true, headers = @Header(name = HttpHeaders.LOCATION,
                            description = "URL of the organisation", schema = @Schema(type = "string", format = "uri")))})
    ResponseEntity<PartnerResponse> put(@PathVariable String partnerId, @RequestBody PartnerRequest request,
                                        @IfMatch.Required IfMatch ifMatch) {
        PartnerDirectory.Saved saved = directory.put(partnerId, request == null ? null
                : new PartnerDirectory.PartnerChange(request.name(), request.country(), request.timeZone(),
                request.locationIds()), version -> ifMatch.check("partner organisation", version));
        PartnerResponse body = PartnerResponse.of(saved.organisation());
        return saved.created()
                ? ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUri()).body(body)
                : ResponseEntity.ok(body);
    }
}
