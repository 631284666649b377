package com.cpor.platform.web.idempotency;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A create for the idempotency tests: each execution leaves a row, so a test can count executions. */
@RestController
@RequestMapping("/test/idempotency")
class IdempotencyProbeController {

    /** A create named {@code held} waits here until the test lets it finish (to retry while it runs). */
    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(0);

    private final JdbcClient jdbc;

    IdempotencyProbeController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Create(String name) {
    }

    @PostMapping("/things")
    ResponseEntity<Map<String, Object>> create(@RequestBody Create body) throws InterruptedException {
        if (body.name() == null || body.name().isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO test_effect (claim_id, what) VALUES (?, ?)").params(id, body.name()).update();
        if ("held".equals(body.name())) {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id))
                .eTag("\"1\"").body(Map.of("id", id, "name", body.name()));
    }
}
