package com.cpor.platform.testsupport;

import com.cpor.devinfra.PostgresServer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a container, when a Docker engine is available. */
final class ContainerPostgres implements PostgresServer {

    private final PostgreSQLContainer container = new PostgreSQLContainer("postgres:16.14-alpine");

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }
}
