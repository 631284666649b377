package com.cpor.reliability;

import com.cpor.apiclient.ApiClient;
import com.cpor.apiclient.ApiResponse;
import com.cpor.devinfra.DevUser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The hostile requests of issue 12 sent while the load runs: a customer e-mail made to backtrack
 * ({@code "a@" + dots + "@"}), NUL characters in a text field and in the list filter, and an oversized name.
 * Each answer is recorded (status and time); the oracles and the canary show whether the others were disturbed.
 */
final class HostileInputs {

    /** One hostile request and what it got back ({@code status} -1: no answer within the client's timeout). */
    record Answer(String request, int status, Duration took, String body) {
    }

    private HostileInputs() {
    }

    static List<Answer> send(int emailLength) {
        Map<String, java.util.function.Supplier<ApiResponse>> requests = new LinkedHashMap<>();
        ApiClient partner = ReliabilityPlatform.as(DevUser.PARTNER_ADMIN);
        requests.put("create: customer e-mail \"a@\" + " + emailLength + " dots + \"@\"",
                () -> partner.post(ReliabilityPlatform.claims(), claimWith("email", "a@" + ".".repeat(emailLength) + "@")));
        requests.put("create: NUL in the claim name",
                () -> partner.post(ReliabilityPlatform.claims(), claimWith("name", "Fabrikam\u0000Teams")));
        requests.put("create: 200,000-character claim name",
                () -> partner.post(ReliabilityPlatform.claims(), claimWith("name", "N".repeat(200_000))));
        requests.put("list: NUL in the filter q",
                () -> partner.get(ReliabilityPlatform.claims() + "?q=ab%00cd"));
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        requests.forEach((name, request) -> answers.add(CompletableFuture.supplyAsync(() -> {
            Instant start = Instant.now();
            try {
                ApiResponse response = request.get();
                String body = response.body() == null ? "" : response.body();
                return new Answer(name, response.status(), Duration.between(start, Instant.now()),
                        body.length() > 160 ? body.substring(0, 160) + "…" : body);
            } catch (ApiClient.Unreachable e) {
                return new Answer(name, -1, Duration.between(start, Instant.now()), e.getMessage());
            }
        })));
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private static Map<String, Object> claimWith(String field, String value) {
        ClaimRun run = ClaimDriver.newRun(Ending.WITHDRAWN_WHEN_SUBMITTED);
        Map<String, Object> claim = new LinkedHashMap<>(ClaimDriver.newClaim(run));
        if (field.equals("email")) {
            Map<String, Object> contact = new LinkedHashMap<>(castMap(claim.get("customerContact")));
            contact.put("email", value);
            claim.put("customerContact", contact);
        } else {
            claim.put(field, value);
        }
        return claim;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
