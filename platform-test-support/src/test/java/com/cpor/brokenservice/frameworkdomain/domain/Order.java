package com.cpor.brokenservice.frameworkdomain.domain;

import tools.jackson.databind.JsonNode;

/** Fixture violation: a domain record that carries a Jackson type. */
public record Order(String id, JsonNode extras) {
}
