package com.cpor.benchmarks;

import com.cpor.apiclient.ApiClient;
import com.cpor.devinfra.DevUser;
import com.cpor.localstack.Platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Work the platform has accepted but not finished: outbox rows not yet in Kafka, records not yet consumed. */
final class Backlogs {

    record Snapshot(long outboxRows, long consumerLag) {
        long total() {
            return outboxRows + consumerLag;
        }
    }

    private static final String PARTITION_LAG = "kafka_consumer_fetch_manager_records_lag{";

    private final Platform platform;
    private final ApiClient staff;

    Backlogs(Platform platform) {
        this.platform = platform;
        this.staff = BenchmarkRun.API.as(platform.identity().tokenFor(DevUser.STAFF));
    }

    Snapshot now() {
        long outbox = 0;
        for (String service : Platform.SERVICES) {
            outbox += Database.queryLong(platform, service, "SELECT count(*) FROM outbox_event");
        }
        return new Snapshot(outbox, consumerLag());
    }

    /**
     * Records the services' consumers have not read yet: the sum of their position-based lag per partition
     * ({@code kafka_consumer_fetch_manager_records_lag} on each service's {@code /actuator/prometheus}, which the
     * consumer updates with every fetch). Not the committed offsets': those are committed every 5 s
     * ({@code ack-mode: time}), so they trail what is processed by up to 5 s of records.
     */
    long consumerLag() {
        long lag = 0;
        for (String service : Platform.SERVICES) {
            String metrics = staff.get(platform.service(service).baseUrl() + "/actuator/prometheus", "text/plain")
                    .expect(200).body();
            lag += partitionLag(metrics);
        }
        return lag;
    }

    /** Sums the per-partition {@code records_lag} samples of a Prometheus exposition (NaN: no position yet, 0). */
    static long partitionLag(String metrics) {
        double lag = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(PARTITION_LAG) && line.contains("partition=\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                lag += Double.isNaN(value) ? 0 : Math.max(0, value);
            }
        }
        return Math.round(lag);
    }

    /** Plain JDBC against the embedded server (a fresh connection per call: this is not on the measured path). */
    static final class Database {

        private Database() {
        }

        static Connection connect(Platform platform, String service) throws SQLException {
            return DriverManager.getConnection(platform.jdbcUrl(service), platform.postgres().username(),
                    platform.postgres().password());
        }

        static long queryLong(Platform platform, String service, String sql) {
            try (Connection connection = connect(platform, service);
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }

        /** Transactions committed so far in all four service databases. */
        static long commits(Platform platform) {
            return queryLong(platform, "claim-service", """
                    SELECT sum(xact_commit) FROM pg_stat_database
                    WHERE datname IN ('claims', 'reviews', 'consents', 'notifications')
                    """);
        }
    }
}
