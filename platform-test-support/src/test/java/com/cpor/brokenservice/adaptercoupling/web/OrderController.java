package com.cpor.brokenservice.adaptercoupling.web;

import com.cpor.brokenservice.adaptercoupling.messaging.OrderPublisher;

/** Fixture violation: the web adapter publishes through the messaging adapter. */
class OrderController {

    private final OrderPublisher publisher = new OrderPublisher();

    void create(String id) {
        publisher.publish(id);
    }
}
