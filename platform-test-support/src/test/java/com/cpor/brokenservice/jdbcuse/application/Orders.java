package com.cpor.brokenservice.jdbcuse.application;

import java.sql.Connection;
import java.sql.SQLException;

/** Fixture violation: a use case that talks JDBC itself. */
public class Orders {

    public void place(Connection connection) throws SQLException {
        connection.commit();
    }
}
