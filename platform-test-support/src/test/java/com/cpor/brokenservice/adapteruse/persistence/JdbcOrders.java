package com.cpor.brokenservice.adapteruse.persistence;

public class JdbcOrders {

    public void save(String id) {
    }
}
