package com.cpor.brokenservice.crossing.application;

import com.cpor.orderservice.order.domain.Order;

/** Fixture violation: one service reading another service's domain class instead of an event. */
public class Billing {

    public String bill(Order order) {
        return order.id();
    }
}
