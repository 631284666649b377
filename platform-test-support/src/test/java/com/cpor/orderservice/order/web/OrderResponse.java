package com.cpor.orderservice.order.web;

import com.cpor.orderservice.order.domain.Order;

/** The API's order: its own record, mapped from the domain's. */
record OrderResponse(String id, java.util.List<String> lines) {

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id(), java.util.List.of());
    }
}
