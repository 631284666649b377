package com.cpor.benchmarks;

import com.cpor.localstack.Platform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Work the platform has accepted but not finished: outbox rows not yet in Kafka, records not yet consumed. */
final class Backlogs implements AutoCloseable {

    record Snapshot(long outboxRows, long consumerLag) {
        long total() {
            return outboxRows + consumerLag;
        }
    }

    private final Platform platform;
    private final Admin admin;

    Backlogs(Platform platform) {
        this.platform = platform;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers()));
    }

    Snapshot now() {
        long outbox = 0;
        for (String service : Platform.SERVICES) {
            outbox += Database.queryLong(platform, service, "SELECT count(*) FROM outbox_event");
        }
        return new Snapshot(outbox, consumerLag());
    }

    /** Sum over the services' consumer groups of (end offset - committed offset). */
    long consumerLag() {
        try {
            Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (ConsumerGroupListing group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                        .forEach((partition, info) -> ends.put(partition, info.offset()));
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                        lag += Math.max(0, ends.get(entry.getKey()) - entry.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read consumer lag", e);
        }
    }

    @Override
    public void close() {
        admin.close();
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
