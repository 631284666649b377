package com.cpor.brokenservice.adapteruse.application;

import com.cpor.brokenservice.adapteruse.persistence.JdbcOrders;

/** Fixture violation: a use case that calls the JDBC class instead of a port. */
public class PlaceOrder {

    private final JdbcOrders orders = new JdbcOrders();

    public void place(String id) {
        orders.save(id);
    }
}
