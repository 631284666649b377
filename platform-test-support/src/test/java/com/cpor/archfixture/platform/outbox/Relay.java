package com.cpor.archfixture.platform.outbox;

import com.cpor.archfixture.platform.config.RelaySettings;
import com.cpor.orderservice.order.domain.Order;

/** Fixture violations: a mechanism that reaches into config, and platform code that knows a service. */
public class Relay {

    RelaySettings settings;
    Order order;
}
