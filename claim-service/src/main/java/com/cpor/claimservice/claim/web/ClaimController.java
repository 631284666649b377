package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.application.ClaimRepository;
import com.cpor.claimservice.claim.application.ClaimSearch;
import com.cpor.claimservice.claim.application.ClaimService;
import com.cpor.claimservice.claim.application.ClaimView;
import com.cpor.claimservice.claim.application.DocumentDownload;
import com.cpor.claimservice.claim.application.Slice;
import com.cpor.claimservice.claim.domain.Comment;
import com.cpor.claimservice.claim.domain.HistoryEntry;
import com.cpor.claimservice.claim.domain.PoeDocument;
import com.cpor.claimservice.config.ClaimPolicyProperties;
import com.cpor.events.Activity;
import com.cpor.events.ClaimStatus;
import com.cpor.events.SolutionArea;
import com.cpor.platform.security.Caller;
import com.cpor.platform.security.Roles;
import com.cpor.platform.web.IfMatch;
import com.cpor.platform.web.InvalidInputProblem;
import com.cpor.platform.web.PageResponse;
import com.cpor.platform.web.PayloadTooLargeProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

@RestController
@RequestMapping("/api/v1/claims")
@Tag(name = "Claims", description = "Partner-of-record claims: partners manage their own, reviewers read and comment on all")
class ClaimController {

    private static final String READERS = Roles.PARTNER_READERS + " or " + Roles.REVIEWERS;
    /** What If-Match problems call the resource. */
    private static final String CLAIM = "claim";
    private static final String COMMENTERS = Roles.PARTNER_WRITERS + " or " + Roles.REVIEWERS;

    private final ClaimService claims;
    private final ClaimPolicyProperties policy;
    private final JsonMapper json;

    ClaimController(ClaimService claims, ClaimPolicyProperties policy, JsonMapper json) {
        this.claims = claims;
        this.policy = policy;
        this.json = json;
    }

    @PostMapping
    @PreAuthorize(Roles.PARTNER_WRITERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a claim (status EDITING)", responses = @ApiResponse(responseCode = "201",
            description = "Created; `Location` is the claim's URL", useReturnTypeSchema = true,
            headers = @Header(name = HttpHeaders.LOCATION, description = "URL of the new claim",
                    schema = @Schema(type = "string", format = "uri"))))
    ResponseEntity<ClaimResponse> create(@RequestBody ClaimFields fields, Caller caller) {
        ClaimView view = claims.create(caller, fields.toDetails());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(view.claim().id()).toUri();
        return ResponseEntity.created(location).body(ClaimResponse.of(view));
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(summary = "List claims (a partner sees its own; reviewers see all)")
    PageResponse<ClaimResponse> list(@RequestParam(required = false) List<String> status,
                                     @RequestParam(required = false) String solutionArea,
                                     @RequestParam(required = false) String activity,
                                     @RequestParam(required = false) String customerTenantId,
                                     @Parameter(description = "Text in the claim name, customer name or domain, claim or partner id")
                                     @RequestParam(required = false) String q,
                                     @Parameter(description = "property[,asc|desc]: createdAt, updatedAt, name, status, customerName")
                                     @RequestParam(defaultValue = "createdAt,desc") String sort,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "20") int size,
                                     Caller caller) {
        checkPage(page, size);
        ClaimRepository.ClaimPage result = claims.list(search(caller, status, solutionArea, activity, customerTenantId, q, sort),
                page, size);
        List<ClaimResponse> items = result.claims().stream()
                .map(claim -> ClaimResponse.of(claims.viewOf(caller, claim)))
                .toList();
        return PageResponse.of(items, page, size, result.total());
    }

    @GetMapping(path = "/export", produces = "text/csv")
    @PreAuthorize(READERS)
    @Operation(summary = "The filtered claim list as CSV (same filters and sort as the list)")
    ResponseEntity<String> export(@RequestParam(required = false) List<String> status,
                                  @RequestParam(required = false) String solutionArea,
                                  @RequestParam(required = false) String activity,
                                  @RequestParam(required = false) String customerTenantId,
                                  @RequestParam(required = false) String q,
                                  @RequestParam(defaultValue = "createdAt,desc") String sort,
                                  Caller caller) {
        ClaimRepository.ClaimPage result = claims.list(search(caller, status, solutionArea, activity, customerTenantId, q, sort),
                0, policy.maxExportRows());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("claims.csv").build().toString())
                .body(ClaimCsv.write(result.claims(), ClaimService.seesCompetitors(caller)));
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    @Operation(summary = "Read a claim", description = "A partner sees whether its claim competes with another "
            + "partner's (competing), never the other claim (competingClaimIds is left out); reviewers see both")
    ResponseEntity<ClaimResponse> get(@PathVariable String id, Caller caller) {
        return ResponseEntity.ok(ClaimResponse.of(claims.get(caller, id)));
    }

    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize(Roles.PARTNER_WRITERS)
    @Operation(summary = "Edit allowed fields with a JSON merge patch",
            description = "EDITING: every field; SUBMITTED and PARTNER_ACTION_REQUIRED: partnerId, products and contacts. "
                    + "Naming any other field is refused with 400.")
    ClaimResponse patch(@PathVariable String id,
                        @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "JSON merge patch of the claim's fields",
                                content = @Content(schema = @Schema(implementation = ClaimFields.class)))
                        @RequestBody JsonNode body,
                        @IfMatch.Required IfMatch ifMatch,
                        Caller caller) {
        MergePatch patch = new MergePatch(body, json);
        return ClaimResponse.of(claims.edit(caller, id, current -> {
            ifMatch.check(CLAIM, current.version());
            return patch.applyTo(current.details());
        }, patch.touchedFields()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.PARTNER_WRITERS)
    @Operation(summary = "Delete a claim in EDITING")
    ResponseEntity<Void> delete(@PathVariable String id, IfMatch ifMatch, Caller caller) {
        claims.delete(caller, id, version -> ifMatch.check(CLAIM, version));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Roles.PARTNER_WRITERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload a proof-of-execution document (PDF, DOCX, PNG or JPEG, judged by content)",
            responses = @ApiResponse(responseCode = "201", description = "Added; `Location` is the document's download URL",
                    useReturnTypeSchema = true, headers = @Header(name = HttpHeaders.LOCATION,
                    description = "URL of the document's content", schema = @Schema(type = "string", format = "uri"))))
    ResponseEntity<DocumentResponse> upload(@PathVariable String id, @RequestParam("file") MultipartFile file,
                                            IfMatch ifMatch, Caller caller) throws IOException {
        PoeDocument document = claims.addDocument(caller, id, file.getOriginalFilename(), readAtMostLimit(file),
                version -> ifMatch.check(CLAIM, version));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{documentId}")
                .buildAndExpand(document.id()).toUri();
        return ResponseEntity.created(location)
                .body(DocumentResponse.of(document));
    }

    /**
     * The container has streamed the part to disk under spring.servlet.multipart.max-file-size; this reads at most
     * one byte past the policy's limit into memory, never the whole part.
     */
    private byte[] readAtMostLimit(MultipartFile file) throws IOException {
        long max = policy.maxDocumentSize().toBytes();
        if (file.getSize() > max) {
            throw new PayloadTooLargeProblem("A document may be at most " + policy.maxDocumentSize().toMegabytes()
                    + " MB; this one has " + file.getSize() + " bytes");
        }
        try (InputStream in = file.getInputStream()) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (content.length > max) {
                throw new PayloadTooLargeProblem("A document may be at most "
                        + policy.maxDocumentSize().toMegabytes() + " MB");
            }
            return content;
        }
    }

    @GetMapping("/{id}/documents")
    @PreAuthorize(READERS)
    @Operation(summary = "The claim's documents, oldest first (page counts from 0)")
    PageResponse<DocumentResponse> documents(@PathVariable String id,
                                             @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "20") int size,
                                             Caller caller) {
        checkPage(page, size);
        Slice<PoeDocument> slice = claims.documents(caller, id, page, size);
        return PageResponse.of(slice.items().stream().map(DocumentResponse::of).toList(), page, size, slice.total());
    }

    @GetMapping("/{id}/documents/{documentId}")
    @PreAuthorize(READERS)
    @Operation(summary = "Download a document")
    ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String documentId, Caller caller) {
        DocumentDownload download = claims.document(caller, id, documentId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.document().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(download.document().fileName(), StandardCharsets.UTF_8).build().toString())
                .eTag("\"" + download.document().sha256() + "\"")
                .body(download.content());
    }

    @PostMapping("/{id}/submit")
    @PreAuthorize(Roles.PARTNER_WRITERS)
    @Operation(summary = "Submit (from EDITING) or resubmit (from PARTNER_ACTION_REQUIRED)",
            description = "A resubmission that still lists a product the reviewer asked to remove "
                    + "(requestedChanges.productsToRemove) is refused with 409 urn:cpor:problem:products-to-remove, "
                    + "whose `products` names them")
    ClaimResponse submit(@PathVariable String id, IfMatch ifMatch, Caller caller) {
        return ClaimResponse.of(claims.submit(caller, id, version -> ifMatch.check(CLAIM, version)));
    }

    @PostMapping("/{id}/withdraw")
    @PreAuthorize(Roles.PARTNER_WRITERS)
    @Operation(summary = "Withdraw (partner request): REJECTED(PARTNER_REQUEST), final")
    ClaimResponse withdraw(@PathVariable String id, @RequestBody Requests.Withdraw body, IfMatch ifMatch,
                           Caller caller) {
        return ClaimResponse.of(claims.withdraw(caller, id, body.reason(), body.text(),
                version -> ifMatch.check(CLAIM, version)));
    }

    @PostMapping("/{id}/dispute")
    @PreAuthorize(Roles.PARTNER_WRITERS)
    @Operation(summary = "Dispute a rejection within the dispute window (once per claim)")
    ClaimResponse dispute(@PathVariable String id, @RequestBody Requests.Dispute body, IfMatch ifMatch,
                          Caller caller) {
        return ClaimResponse.of(claims.dispute(caller, id, body.justification(), body.documentIds(),
                version -> ifMatch.check(CLAIM, version)));
    }

    @GetMapping("/{id}/comments")
    @PreAuthorize(READERS)
    @Operation(summary = "The comment thread, oldest first (page counts from 0)")
    PageResponse<CommentResponse> comments(@PathVariable String id,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "50") int size,
                                           Caller caller) {
        checkPage(page, size);
        Slice<Comment> slice = claims.comments(caller, id, page, size);
        return PageResponse.of(slice.items().stream().map(CommentResponse::of).toList(), page, size, slice.total());
    }

    @PostMapping("/{id}/comments")
    @PreAuthorize(COMMENTERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a comment (partner or reviewer)", description = "201 without `Location`: a comment has no "
            + "URL of its own; the claim's comment thread lists it")
    ResponseEntity<CommentResponse> comment(@PathVariable String id, @RequestBody Requests.NewComment body,
                                            IfMatch ifMatch, Caller caller) {
        CommentResponse comment = CommentResponse.of(claims.addComment(caller, id, body.text(),
                version -> ifMatch.check(CLAIM, version)));
        return ResponseEntity.status(HttpStatus.CREATED).body(comment);
    }

    @GetMapping("/{id}/history")
    @PreAuthorize(READERS)
    @Operation(summary = "The claim's history, oldest first (page counts from 0): changes, documents, comments, "
            + "decisions, system actions")
    PageResponse<HistoryEntryResponse> history(@PathVariable String id,
                                               @RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "100") int size,
                                               Caller caller) {
        checkPage(page, size);
        Slice<HistoryEntry> slice = claims.history(caller, id, page, size);
        return PageResponse.of(slice.items().stream().map(HistoryEntryResponse::of).toList(), page, size,
                slice.total());
    }

    private void checkPage(int page, int size) {
        if (page < 0) {
            throw new InvalidInputProblem("page", "must be 0 or more");
        }
        if (size < 1 || size > policy.maxPageSize()) {
            throw new InvalidInputProblem("size", "must be between 1 and " + policy.maxPageSize());
        }
    }

    private static ClaimSearch search(Caller caller, List<String> status, String solutionArea, String activity,
                                      String customerTenantId, String q, String sort) {
        List<ClaimStatus> statuses = new ArrayList<>();
        if (status != null) {
            for (String value : status) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        statuses.add(parse("status", part.strip(), ClaimStatus.class));
                    }
                }
            }
        }
        String[] sortParts = sort.split(",");
        ClaimSearch.Sort sortBy = parse("sort", sortParts[0].strip(), ClaimSearch.Sort.class);
        boolean descending = sortParts.length > 1 && sortParts[1].strip().equalsIgnoreCase("desc");
        if (sortParts.length > 2 || (sortParts.length == 2 && !sortParts[1].strip().matches("(?i)asc|desc"))) {
            throw new InvalidInputProblem("sort", "must be property[,asc|desc]");
        }
        return new ClaimSearch(ClaimService.visiblePartnerIds(caller), statuses,
                solutionArea == null ? null : parse("solutionArea", solutionArea, SolutionArea.class),
                activity == null ? null : parse("activity", activity, Activity.class),
                customerTenantId, q, sortBy, descending);
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value) || constant.name().equals(value.toUpperCase(Locale.ROOT))) {
                return constant;
            }
        }
        throw new InvalidInputProblem(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }
}
