package com.cpor.platform.security;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;
import java.util.Map;

/** A tiny API for the security tests: reads, role-protected reads, writes of each body kind. */
@RestController
@RequestMapping("/test/security")
public class SecurityProbeController {

    private final JdbcClient jdbc;

    SecurityProbeController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The settings every security IT shares, so that they share one application context. */
    public static final String RATE = "cpor.security.rate-limit.writes-per-second=1";
    public static final String BURST = "cpor.security.rate-limit.burst=3";
    public static final String FORWARDED = "server.forward-headers-strategy=native";
    public static final String DEBUG_SECURITY_LOGS = "logging.level.org.springframework.security=DEBUG";
    public static final String DEBUG_WEB_LOGS = "logging.level.org.springframework.web=DEBUG";
    public static final String EXPOSE_PROMETHEUS = "management.endpoints.web.exposure.include=health,info,prometheus";

    @GetMapping("/me")
    Map<String, Object> me(Caller caller) {
        return Map.of("subject", caller.subject(), "roles", caller.roles());
    }

    @GetMapping("/partner")
    @PreAuthorize(Roles.PARTNER_READERS)
    Map<String, Object> partnerOnly(Caller caller) {
        return Map.of("partnerIds", caller.partnerIds());
    }

    @PostMapping("/writes")
    ResponseEntity<Map<String, Object>> write(@RequestBody Map<String, Object> body) {
        return ResponseEntity.status(201).body(Map.of("fields", body.size()));
    }

    enum Level { LOW, HIGH }

    record Nested(String value) {
    }

    record Typed(String name, List<String> tags, Level level, Integer count, Nested nested, Map<String, Object> extra) {
    }

    /** A typed body as the services bind them: records, lists, enums, numbers, nested objects, untyped maps. */
    @PostMapping("/typed")
    ResponseEntity<Map<String, Object>> typed(@RequestBody Typed body) {
        return ResponseEntity.status(201).body(Map.of("name", String.valueOf(body.name())));
    }

    @GetMapping("/items/{id}")
    Map<String, Object> item(@PathVariable String id, @RequestParam(required = false) String q,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(required = false) List<Level> level) {
        return Map.of("id", id, "q", String.valueOf(q), "page", page);
    }

    /** Text bypassing JSON binding, stored as it came: only the database can refuse it. */
    @PostMapping(path = "/raw", consumes = "text/plain")
    ResponseEntity<Void> raw(@RequestBody String text) {
        jdbc.sql("INSERT INTO test_effect (claim_id, what) VALUES ('raw', ?)").param(text).update();
        return ResponseEntity.status(201).build();
    }

    @PostMapping(path = "/upload", consumes = "multipart/form-data")
    ResponseEntity<Map<String, Object>> upload(@RequestParam("file") MultipartFile file) {
        return ResponseEntity.status(201).body(Map.of("size", file.getSize()));
    }

    @PostMapping(path = "/form", consumes = "application/x-www-form-urlencoded")
    ResponseEntity<Map<String, Object>> form(@RequestParam(defaultValue = "") String field) {
        return ResponseEntity.status(201).body(Map.of("length", field.length()));
    }
}
