package com.cpor.brokenservice.portless.persistence;

import org.springframework.stereotype.Repository;

/** Fixture violation: a repository that implements no port, so use cases must know the JDBC class. */
@Repository
public class JdbcOrders {

    public void save(String id) {
    }
}
