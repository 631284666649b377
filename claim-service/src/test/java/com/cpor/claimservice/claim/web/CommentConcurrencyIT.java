package com.cpor.claimservice.claim.web;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.apiclient.ClaimFixtures;
import com.cpor.claimservice.SamplePartnerDirectory;
import com.cpor.devinfra.DevUser;
import com.cpor.events.Topics;
import com.cpor.platform.testsupport.EventProbe;
import com.cpor.platform.testsupport.Infrastructure;
import com.cpor.platform.testsupport.ServiceIntegrationTest;
import com.cpor.platform.testsupport.TestApi;
import com.cpor.platform.testsupport.TestClockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static com.cpor.apiclient.ClaimFixtures.microsoft365Claim;
import static com.cpor.platform.testsupport.EventProbe.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A comment is a write like any other: its event carries the claim as it stands after every earlier write. */
@ServiceIntegrationTest
@Import({TestClockConfiguration.class, SamplePartnerDirectory.class})
class CommentConcurrencyIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EventProbe probe;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void openProbe() {
        probe = new EventProbe(Infrastructure.kafka().bootstrapServers(), Topics.CLAIMS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    private int sessionsWaitingForALock() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
                     """);
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void a_comment_waits_for_a_concurrent_write_and_publishes_the_snapshot_after_it() throws Exception {
        TestApi api = new TestApi(port);
        ClaimFixtures claims = new ClaimFixtures(api.as(DevUser.PARTNER_ADMIN), ClaimFixtures.CLAIMS);
        String id = claims.submitted(microsoft365Claim());
        long versionBefore = api.as(DevUser.PARTNER_ADMIN).get("/api/v1/claims/" + id).expect(200).json()
                .get("version").asLong();

        CompletableFuture<ApiResponse> comment;
        try (Connection concurrentWrite = dataSource.getConnection()) {
            // another write to the claim holds its row lock, as a transition applied by a listener would
            concurrentWrite.setAutoCommit(false);
            try (PreparedStatement bump = concurrentWrite.prepareStatement(
                    "UPDATE claim SET version = version + 1 WHERE claim_id = ?")) {
                bump.setString(1, id);
                assertThat(bump.executeUpdate()).isEqualTo(1);
            }
            comment = CompletableFuture.supplyAsync(() -> api.as(DevUser.REVIEWER).post("/api/v1/claims/" + id
                    + "/comments", Map.of("text", "Written while the claim was locked")));
            // the comment's transaction queues behind the row lock (a comment that does not lock never waits)
            await().atMost(WAIT).until(() -> sessionsWaitingForALock() > 0);
            assertThat(comment).isNotDone();
            concurrentWrite.commit();
        }
        comment.get(30, TimeUnit.SECONDS).expect(201);

        JsonNode event = ApiClient.JSON.readTree(probe.await(typed("claim.comment-added", id), WAIT).value());
        assertThat(event.get("claim").get("version").asLong())
                .as("snapshot in CommentAdded").isEqualTo(versionBefore + 1);
    }
}
