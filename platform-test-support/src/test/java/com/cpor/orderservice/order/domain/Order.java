package com.cpor.orderservice.order.domain;

/** Fixture: a service laid out as the house expects (see HexagonalArchitectureTest). */
public record Order(String id) {
}
