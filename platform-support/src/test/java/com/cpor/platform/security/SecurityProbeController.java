package com.cpor.platform.security;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A tiny API for the security tests: one open-to-any-caller read, one role-protected read, one write. */
@RestController
@RequestMapping("/test/security")
class SecurityProbeController {

    /** The settings every security IT shares, so that they share one application context. */
    static final String RATE = "cpor.security.rate-limit.writes-per-second=1";
    static final String BURST = "cpor.security.rate-limit.burst=3";
    static final String FORWARDED = "server.forward-headers-strategy=native";
    static final String DEBUG_SECURITY_LOGS = "logging.level.org.springframework.security=DEBUG";
    static final String DEBUG_WEB_LOGS = "logging.level.org.springframework.web=DEBUG";
    static final String EXPOSE_PROMETHEUS = "management.endpoints.web.exposure.include=health,info,prometheus";

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
}
