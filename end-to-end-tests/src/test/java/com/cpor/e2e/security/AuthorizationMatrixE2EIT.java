package com.cpor.e2e.security;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.e2e.security.Fixtures.ClaimRef;
import com.cpor.localstack.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.cpor.e2e.security.Who.NO_TOKEN;
import static com.cpor.e2e.security.Who.OTHER_PARTNER_ADMIN;
import static com.cpor.e2e.security.Who.PARTNER_ADMIN;
import static com.cpor.e2e.security.Who.PARTNER_READER;
import static com.cpor.e2e.security.Who.REVIEWER;
import static com.cpor.e2e.security.Who.REVIEW_LEAD;
import static com.cpor.e2e.security.Who.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of every service × every kind of caller × own/other partner, against the real processes.
 * Allowed callers get their success status (on a claim prepared in the state the action needs), callers
 * with the wrong role 403, a partner asking for another partner's claim 404 (no existence leak), no token
 * 401; every refusal is problem+json. {@link #every_operation_of_every_openapi_document_is_in_the_table()}
 * makes sure a new endpoint cannot skip the table.
 */
class AuthorizationMatrixE2EIT {

    private static final Set<String> SERVICES =
            Set.of("claim-service", "review-service", "consent-service", "notification-service");

    /**
     * Claims a forbidden or foreign caller is pointed at: refusals must leave them as they are. Allowed calls change
     * them only synchronously (documents, comments), never through events that arrive later.
     */
    private static ClaimRef sharedClaim;
    private static ClaimRef sharedQueued;
    private static ClaimRef approved;
    private static String notificationId;
    /** Fresh claims in the state an allowed action needs, one per allowed call, prepared in parallel. */
    private static final Map<State, ConcurrentLinkedQueue<ClaimRef>> POOL = new ConcurrentHashMap<>();

    enum State { QUEUED, IN_REVIEW, REJECTED, DISPUTE_OPEN }

    /**
     * Brings the claims into their states in stages (all writes of a stage one after the other, then wait for
     * the events), which keeps the run short without racing the services' own event handling.
     */
    @BeforeAll
    static void prepareClaims() {
        sharedClaim = Fixtures.editingWithDocument();
        List<ClaimRef> queued = submitted(3);
        List<ClaimRef> inReview = submitted(6);
        List<ClaimRef> rejected = submitted(1);
        List<ClaimRef> disputed = submitted(2);
        sharedQueued = Fixtures.submitted();
        approved = Fixtures.submitted();
        List<ClaimRef> all = concat(queued, inReview, rejected, disputed, List.of(sharedQueued, approved));
        all.forEach(claim -> Fixtures.awaitReview(claim.id(), "QUEUED"));

        List<ClaimRef> started = concat(inReview, rejected, disputed, List.of(approved));
        started.forEach(claim -> Fixtures.startReview(claim.id()));
        started.forEach(claim -> Fixtures.awaitClaimStatus(claim.id(), "IN_REVIEW"));

        concat(rejected, disputed).forEach(claim -> Fixtures.reject(claim.id()));
        Fixtures.approve(approved.id());
        concat(rejected, disputed).forEach(claim -> Fixtures.awaitClaimStatus(claim.id(), "REJECTED"));
        Fixtures.awaitClaimStatus(approved.id(), "APPROVED");

        disputed.forEach(claim -> Fixtures.dispute(claim.id()));
        disputed.forEach(claim -> Fixtures.awaitReview(claim.id(), "DISPUTE_OPEN"));
        Fixtures.awaitConsentWindow(approved.id());
        notificationId = Fixtures.sentNotificationOf(approved.id());

        POOL.put(State.QUEUED, new ConcurrentLinkedQueue<>(queued));
        POOL.put(State.IN_REVIEW, new ConcurrentLinkedQueue<>(inReview));
        POOL.put(State.REJECTED, new ConcurrentLinkedQueue<>(rejected));
        POOL.put(State.DISPUTE_OPEN, new ConcurrentLinkedQueue<>(disputed));
    }

    private static List<ClaimRef> submitted(int count) {
        List<ClaimRef> claims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            claims.add(Fixtures.submitted());
        }
        return claims;
    }

    @SafeVarargs
    private static List<ClaimRef> concat(List<ClaimRef>... lists) {
        List<ClaimRef> all = new ArrayList<>();
        for (List<ClaimRef> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static ClaimRef fresh(State state) {
        ClaimRef claim = POOL.get(state).poll();
        if (claim == null) {
            throw new IllegalStateException("The table needs more prepared claims in " + state);
        }
        return claim;
    }

    // ---- the table ----------------------------------------------------------------------------------------

    /** What one caller does on one endpoint; {@code allowed} tells whether the table expects success. */
    @FunctionalInterface
    interface Call {
        ApiResponse invoke(Who who, ApiClient http, boolean allowed);
    }

    /**
     * {@code state}: what a refused call of this row could change (the claim, review, consent or notification it
     * targets, as their owners read them, with the aggregate's outbox rows); a refusal must leave it as it was.
     */
    record Row(String service, String method, String path, boolean documented, Map<Who, Integer> expected, Call call,
               Supplier<String> state) {
        String operation() {
            return service + " " + method + " " + path;
        }
    }

    private static final Set<Who> PARTNER_WRITERS = EnumSet.of(PARTNER_ADMIN);
    private static final Set<Who> CLAIM_READERS = EnumSet.of(PARTNER_ADMIN, PARTNER_READER, REVIEWER, REVIEW_LEAD);
    private static final Set<Who> LIST_READERS =
            EnumSet.of(PARTNER_ADMIN, PARTNER_READER, OTHER_PARTNER_ADMIN, REVIEWER, REVIEW_LEAD);
    private static final Set<Who> COMMENTERS = EnumSet.of(PARTNER_ADMIN, REVIEWER, REVIEW_LEAD);
    private static final Set<Who> REVIEWERS = EnumSet.of(REVIEWER, REVIEW_LEAD);
    private static final Set<Who> STAFF_OR_LEAD = EnumSet.of(STAFF, REVIEW_LEAD);

    /** Allowed callers get {@code success}; another partner's admin 404 on the claim; other roles 403; no token 401. */
    private static Map<Who, Integer> onClaim(int success, Set<Who> allowed) {
        Map<Who, Integer> expected = of(success, allowed);
        expected.put(OTHER_PARTNER_ADMIN, 404);
        return expected;
    }

    private static Map<Who, Integer> of(int success, Set<Who> allowed) {
        Map<Who, Integer> expected = new EnumMap<>(Who.class);
        for (Who who : Who.values()) {
            expected.put(who, who == NO_TOKEN ? 401 : allowed.contains(who) ? success : 403);
        }
        return expected;
    }

    private static Map<Who, Integer> everyone(int status) {
        Map<Who, Integer> expected = new EnumMap<>(Who.class);
        for (Who who : Who.values()) {
            expected.put(who, status);
        }
        return expected;
    }

    static List<Row> table() {
        String claims = SharedPlatform.claims();
        String reviews = SharedPlatform.reviews();
        String consents = SharedPlatform.baseUrl("consent-service");
        String notifications = SharedPlatform.baseUrl("notification-service") + "/api/v1/notifications";
        List<Row> rows = new ArrayList<>();

        // claim-service
        rows.add(new Row("claim-service", "POST", "/api/v1/claims", true,
                of(201, EnumSet.of(PARTNER_ADMIN, OTHER_PARTNER_ADMIN)),
                (who, http, allowed) -> http.post(claims, Fixtures.newClaim(
                        who == OTHER_PARTNER_ADMIN ? Fixtures.OTHER_PARTNER : Fixtures.PARTNER)),
                AuthorizationMatrixE2EIT::claimCount));
        rows.add(new Row("claim-service", "GET", "/api/v1/claims", true, of(200, LIST_READERS),
                (who, http, allowed) -> http.get(claims + "?size=5"),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "GET", "/api/v1/claims/export", true, of(200, LIST_READERS),
                (who, http, allowed) -> http.get(claims + "/export?q=" + sharedClaim.id()),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "GET", "/api/v1/claims/{id}", true, onClaim(200, CLAIM_READERS),
                (who, http, allowed) -> http.get(claims + "/" + sharedClaim.id()),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "PATCH", "/api/v1/claims/{id}", true, onClaim(200, PARTNER_WRITERS),
                (who, http, allowed) -> http.patch(claims + "/" + (allowed ? Fixtures.editing() : sharedClaim).id(),
                        "application/merge-patch+json", Map.of("name", "Renamed by the table")),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "DELETE", "/api/v1/claims/{id}", true, onClaim(204, PARTNER_WRITERS),
                (who, http, allowed) -> http.delete(claims + "/" + (allowed ? Fixtures.editing() : sharedClaim).id()),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "POST", "/api/v1/claims/{id}/documents", true, onClaim(201, PARTNER_WRITERS),
                (who, http, allowed) -> http.upload(claims + "/" + sharedClaim.id() + "/documents", "poe.pdf",
                        "application/pdf", ClaimFixtures.pdf()),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "GET", "/api/v1/claims/{id}/documents", true, onClaim(200, CLAIM_READERS),
                (who, http, allowed) -> http.get(claims + "/" + sharedClaim.id() + "/documents"),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "GET", "/api/v1/claims/{id}/documents/{documentId}", true,
                onClaim(200, CLAIM_READERS),
                (who, http, allowed) -> http.get(claims + "/" + sharedClaim.id() + "/documents/" + sharedClaim.documentId()),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "POST", "/api/v1/claims/{id}/submit", true, onClaim(200, PARTNER_WRITERS),
                (who, http, allowed) -> http.post(claims + "/"
                        + (allowed ? Fixtures.editingWithDocument() : sharedClaim).id() + "/submit", Map.of()),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "POST", "/api/v1/claims/{id}/withdraw", true, onClaim(200, PARTNER_WRITERS),
                (who, http, allowed) -> http.post(claims + "/" + (allowed ? Fixtures.submitted() : sharedClaim).id()
                        + "/withdraw", Map.of("reason", "OTHER", "text", "Customer chose another partner")),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "POST", "/api/v1/claims/{id}/dispute", true, onClaim(200, PARTNER_WRITERS),
                (who, http, allowed) -> http.post(claims + "/"
                        + (allowed ? fresh(State.REJECTED) : sharedClaim).id() + "/dispute",
                        Map.of("justification", "Usage is visible in the admin centre", "documentIds", List.of())),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "GET", "/api/v1/claims/{id}/comments", true, onClaim(200, CLAIM_READERS),
                (who, http, allowed) -> http.get(claims + "/" + sharedClaim.id() + "/comments"),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "POST", "/api/v1/claims/{id}/comments", true, onClaim(201, COMMENTERS),
                (who, http, allowed) -> http.post(claims + "/" + sharedClaim.id() + "/comments",
                        Map.of("text", "A comment from the authorization table")),
                () -> claimState(sharedClaim.id())));
        rows.add(new Row("claim-service", "GET", "/api/v1/claims/{id}/history", true, onClaim(200, CLAIM_READERS),
                (who, http, allowed) -> http.get(claims + "/" + sharedClaim.id() + "/history"),
                () -> claimState(sharedClaim.id())));

        // claim-service's partner directory: staff maintain it, reviewers read it beside the claims
        Set<Who> directoryReaders = EnumSet.of(STAFF, REVIEWER, REVIEW_LEAD);
        rows.add(new Row("claim-service", "GET", "/api/v1/partners", true, of(200, directoryReaders),
                (who, http, allowed) -> http.get(SharedPlatform.baseUrl("claim-service") + "/api/v1/partners?size=5"), null));
        rows.add(new Row("claim-service", "GET", "/api/v1/partners/{partnerId}", true, of(200, directoryReaders),
                (who, http, allowed) -> http.get(SharedPlatform.baseUrl("claim-service") + "/api/v1/partners/"
                        + Fixtures.PARTNER), null));
        rows.add(new Row("claim-service", "PUT", "/api/v1/partners/{partnerId}", true, of(201, EnumSet.of(STAFF)),
                (who, http, allowed) -> http.put(SharedPlatform.baseUrl("claim-service") + "/api/v1/partners/m-"
                        + java.util.UUID.randomUUID().toString().substring(0, 8), Map.of("name", "Table Partner Ltd",
                        "country", "PL", "timeZone", "Europe/Warsaw", "locationIds", List.of())),
                () -> "partners " + count("claim-service", "SELECT count(*) FROM partner_organisation", null)));

        // review-service: reviewers only; reviews are not partner data, so there is no "other partner" here
        rows.add(new Row("review-service", "GET", "/api/v1/reviews", true, of(200, REVIEWERS),
                (who, http, allowed) -> http.get(reviews + "?size=5"),
                () -> reviewState(sharedQueued.id())));
        rows.add(new Row("review-service", "GET", "/api/v1/reviews/{claimId}", true, of(200, REVIEWERS),
                (who, http, allowed) -> http.get(reviews + "/" + sharedQueued.id()),
                () -> reviewState(sharedQueued.id())));
        rows.add(new Row("review-service", "POST", "/api/v1/reviews/{claimId}/start", true, of(200, REVIEWERS),
                (who, http, allowed) -> http.post(reviews + "/"
                        + (allowed ? fresh(State.QUEUED) : sharedQueued).id() + "/start", Map.of()),
                () -> reviewState(sharedQueued.id())));
        rows.add(new Row("review-service", "POST", "/api/v1/reviews/{claimId}/request-partner-action", true,
                of(200, REVIEWERS),
                (who, http, allowed) -> http.post(reviews + "/" + (allowed ? fresh(State.IN_REVIEW) : sharedQueued).id()
                        + "/request-partner-action", Map.of("reasons", List.of("MISSING_ALL_POE"),
                        "comment", "Please upload the signed PoE")),
                () -> reviewState(sharedQueued.id())));
        rows.add(new Row("review-service", "POST", "/api/v1/reviews/{claimId}/approve", true, of(200, REVIEWERS),
                (who, http, allowed) -> http.post(reviews + "/" + (allowed ? fresh(State.IN_REVIEW) : sharedQueued).id()
                        + "/approve", Map.of("comment", "Fine")),
                () -> reviewState(sharedQueued.id())));
        rows.add(new Row("review-service", "POST", "/api/v1/reviews/{claimId}/reject", true, of(200, REVIEWERS),
                (who, http, allowed) -> http.post(reviews + "/" + (allowed ? fresh(State.IN_REVIEW) : sharedQueued).id()
                        + "/reject", Map.of("reason", "MISSING_PRODUCTS", "comment", "No usage of the products")),
                () -> reviewState(sharedQueued.id())));
        rows.add(new Row("review-service", "POST", "/api/v1/reviews/{claimId}/dispute-decision", true,
                of(200, REVIEWERS),
                (who, http, allowed) -> http.post(reviews + "/" + (allowed ? fresh(State.DISPUTE_OPEN) : sharedQueued).id()
                        + "/dispute-decision", Map.of("outcome", "UPHOLD", "comment", "The rejection stands")),
                () -> reviewState(sharedQueued.id())));
        rows.add(new Row("review-service", "POST", "/api/v1/reviews/{claimId}/reassign", true,
                of(200, EnumSet.of(REVIEW_LEAD)),
                (who, http, allowed) -> http.post(reviews + "/"
                        + (allowed ? fresh(State.QUEUED) : sharedQueued).id() + "/reassign",
                        Map.of("reviewerId", "reviewer-2", "reviewerName", "Ivan Petrov",
                                "reviewerEmail", "ivan@reviews.example")),
                () -> reviewState(sharedQueued.id())));

        // consent-service: the staff API; the customer's page is public and guarded by its signed link
        rows.add(new Row("consent-service", "GET", "/api/v1/consents/{claimId}", true, of(200, STAFF_OR_LEAD),
                (who, http, allowed) -> http.get(consents + "/api/v1/consents/" + approved.id()),
                () -> consentState(approved.id())));
        rows.add(new Row("consent-service", "GET", "/consent/{token}", false, everyone(404),
                (who, http, allowed) -> http.get(consents + "/consent/not-a-signed-link"),
                () -> consentState(approved.id())));
        rows.add(new Row("consent-service", "POST", "/consent/{token}/decline", false, everyone(403),
                (who, http, allowed) -> http.send("POST", consents + "/consent/not-a-signed-link/decline",
                        "application/x-www-form-urlencoded", "reason=none", Map.of()),
                () -> consentState(approved.id())));

        // notification-service: staff and review leads
        rows.add(new Row("notification-service", "GET", "/api/v1/notifications", true, of(200, STAFF_OR_LEAD),
                (who, http, allowed) -> http.get(notifications + "?claimId=" + approved.id()),
                () -> notificationState(notificationId)));
        rows.add(new Row("notification-service", "GET", "/api/v1/notifications/{id}", true, of(200, STAFF_OR_LEAD),
                (who, http, allowed) -> http.get(notifications + "/" + notificationId),
                () -> notificationState(notificationId)));
        // only FAILED notifications can be replayed: a sent one answers 409 to the callers who may replay
        rows.add(new Row("notification-service", "POST", "/api/v1/notifications/{id}/retry", true,
                of(409, STAFF_OR_LEAD),
                (who, http, allowed) -> http.post(notifications + "/" + notificationId + "/retry", Map.of()),
                () -> notificationState(notificationId)));

        // every service: health is open, metrics are for staff only
        for (String service : new TreeSet<>(SERVICES)) {
            String base = SharedPlatform.baseUrl(service);
            rows.add(new Row(service, "GET", "/actuator/health", false, everyone(200),
                    (who, http, allowed) -> http.get(base + "/actuator/health"), null));
            rows.add(new Row(service, "GET", "/actuator/prometheus", false, of(200, EnumSet.of(STAFF)),
                    (who, http, allowed) -> http.get(base + "/actuator/prometheus"), null));
        }
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> every_endpoint_answers_every_caller_as_the_table_says() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table()) {
            for (Who who : Who.values()) {
                int expected = row.expected().get(who);
                tests.add(DynamicTest.dynamicTest(row.method() + " " + row.path() + " (" + row.service() + ") as "
                        + who + " -> " + expected, () -> {
                    boolean refused = expected >= 400 && row.state() != null;
                    if (refused) {
                        awaitOutboxesSent();
                    }
                    String before = refused ? row.state().get() : null;
                    ApiResponse response = row.call().invoke(who, SharedPlatform.as(who), expected < 400);
                    assertThat(response.status()).as("%s as %s: %s", row.operation(), who, response.body())
                            .isEqualTo(expected);
                    if (refused) {
                        assertThat(row.state().get()).as("%s as %s was refused but changed state", row.operation(), who)
                                .isEqualTo(before);
                    }
                    if (expected >= 400 && !row.path().startsWith("/consent/")) {
                        assertThat(response.contentType()).as("%s as %s", row.operation(), who)
                                .startsWith("application/problem+json");
                    }
                }));
            }
        }
        return tests.stream();
    }

    // ---- what a refusal must leave as it was --------------------------------------------------------------------

    /** The claim as its owner reads it (status, version, deadlines), its history, comments, documents and outbox. */
    static String claimState(String claimId) {
        String claim = SharedPlatform.claims() + "/" + claimId;
        ApiClient owner = SharedPlatform.as(PARTNER_ADMIN);
        return String.join("\n", owner.get(claim).expect(200).body(),
                owner.get(claim + "/history").expect(200).body(),
                owner.get(claim + "/comments").expect(200).body(),
                owner.get(claim + "/documents").expect(200).body(),
                "outbox " + outboxRows("claim-service", claimId));
    }

    /** Every claim of every partner: a refused create adds none. */
    static String claimCount() {
        return "claims " + count("claim-service", "SELECT count(*) FROM claim", null);
    }

    /** The review with its history and comments, the claim it belongs to and the review's outbox rows. */
    static String reviewState(String claimId) {
        return String.join("\n", SharedPlatform.as(REVIEW_LEAD).get(SharedPlatform.reviews() + "/" + claimId).expect(200).body(),
                "outbox " + outboxRows("review-service", claimId), claimState(claimId));
    }

    /**
     * The consent windows by their decline only: status, notice and end change by themselves while the (short)
     * window of the test platform runs; a decline would set {@code decline} and write a consent.declined row.
     */
    static String consentState(String claimId) {
        JsonNode consents = SharedPlatform.as(STAFF).get(SharedPlatform.baseUrl("consent-service") + "/api/v1/consents/" + claimId)
                .expect(200).json();
        StringBuilder state = new StringBuilder();
        for (JsonNode window : consents.path("windows")) {
            state.append(window.path("consentId").asString()).append(' ').append(window.path("decline")).append('\n');
        }
        return state + "declined " + count("consent-service",
                "SELECT count(*) FROM outbox_event WHERE message_key = ? AND event_type = 'consent.declined'", claimId);
    }

    static String notificationState(String id) {
        return SharedPlatform.as(STAFF).get(SharedPlatform.baseUrl("notification-service") + "/api/v1/notifications/" + id)
                .expect(200).body();
    }

    /** The aggregate's outbox rows not yet sent: a refused call that wrote an event leaves one until the relay runs. */
    private static long outboxRows(String service, String claimId) {
        return count(service, "SELECT count(*) FROM outbox_event WHERE message_key = ?", claimId);
    }

    /** Before a refusal, the events of earlier (allowed) calls on the shared claims are sent and their rows gone. */
    private static void awaitOutboxesSent() {
        BooleanSupplier sent = () -> outboxRows("claim-service", sharedClaim.id()) == 0
                && outboxRows("claim-service", sharedQueued.id()) == 0
                && outboxRows("review-service", sharedQueued.id()) == 0
                && outboxRows("consent-service", approved.id()) == 0;
        if (!sent.getAsBoolean()) {
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(sent::getAsBoolean);
        }
    }

    /** One connection per service database for the whole run (a few hundred readings). */
    private static final Map<String, Connection> DATABASES = new ConcurrentHashMap<>();

    private static long count(String service, String sql, String parameter) {
        try {
            Connection connection = DATABASES.computeIfAbsent(service, AuthorizationMatrixE2EIT::connect);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (parameter != null) {
                    statement.setString(1, parameter);
                }
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(String service) {
        Platform platform = SharedPlatform.get();
        try {
            return DriverManager.getConnection(platform.jdbcUrl(service), platform.postgres().username(),
                    platform.postgres().password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void closeDatabases() throws SQLException {
        for (Connection connection : DATABASES.values()) {
            connection.close();
        }
    }

    @Test
    void every_operation_of_every_openapi_document_is_in_the_table() {
        Set<String> inTable = new TreeSet<>();
        for (Row row : table()) {
            if (row.documented()) {
                inTable.add(row.operation());
            }
        }
        Set<String> documented = new TreeSet<>();
        for (String service : SERVICES) {
            JsonNode paths = SharedPlatform.as(NO_TOKEN).get(SharedPlatform.baseUrl(service) + "/v3/api-docs").expect(200)
                    .json().get("paths");
            for (Iterator<Map.Entry<String, JsonNode>> path = paths.properties().iterator(); path.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = path.next();
                for (String method : List.of("get", "post", "put", "patch", "delete", "head", "options", "trace")) {
                    if (entry.getValue().has(method)) {
                        documented.add(service + " " + method.toUpperCase() + " " + entry.getKey());
                    }
                }
            }
        }
        assertThat(inTable).as("operations of the OpenAPI documents missing from the authorization table")
                .containsAll(documented);
        assertThat(documented).as("table rows marked documented that no OpenAPI document has")
                .containsAll(inTable);
    }

    @Test
    void lists_and_exports_hold_only_the_callers_own_partner_claims() {
        String claims = SharedPlatform.claims();
        String byId = "?q=" + sharedClaim.id();
        assertThat(SharedPlatform.as(OTHER_PARTNER_ADMIN).get(claims + byId).expect(200).json().get("items")).isEmpty();
        assertThat(SharedPlatform.as(OTHER_PARTNER_ADMIN).get(claims + "/export" + byId).expect(200).body())
                .doesNotContain(sharedClaim.id());
        assertThat(SharedPlatform.as(PARTNER_READER).get(claims + byId).expect(200).json().get("items")).hasSize(1);
        assertThat(SharedPlatform.as(PARTNER_READER).get(claims + "/export" + byId).expect(200).body())
                .contains(sharedClaim.id());
        assertThat(SharedPlatform.as(REVIEWER).get(claims + byId).expect(200).json().get("items")).hasSize(1);
        for (JsonNode claim : SharedPlatform.as(OTHER_PARTNER_ADMIN).get(claims + "?size=100").expect(200).json().get("items")) {
            assertThat(claim.get("partnerId").asString()).isEqualTo(Fixtures.OTHER_PARTNER);
        }
    }
}
