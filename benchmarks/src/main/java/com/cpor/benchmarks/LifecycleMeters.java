package com.cpor.benchmarks;

import com.cpor.localstack.Platform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cumulative counters of the whole platform, read without adding work to what they count: CPU seconds per process
 * ({@code /proc/<pid>/stat}; this JVM split by thread into the load generator and the infrastructure it hosts), commits
 * and rollbacks per database ({@code pg_stat_database}, read from the {@code postgres} database so the reading is not
 * counted), and the end offsets of every topic (records written).
 */
final class LifecycleMeters implements AutoCloseable {

    static final List<String> DATABASES = List.of("claims", "reviews", "consents", "notifications");
    static final String LOAD = "load generator (this JVM)";
    static final String INFRA = "Kafka + IdP + SMTP (this JVM)";
    static final String HOST_JVM = "this JVM's JIT + GC";

    /** One reading of every counter; {@code threads}: this JVM's threads by id, [role, CPU seconds]. */
    record Reading(long nanos, Map<String, Double> cpuSeconds, Map<String, long[]> commitsAndRollbacks, long records,
                   Map<String, ThreadCpu> threads) {
    }

    /** One thread of this JVM at a reading. */
    record ThreadCpu(String role, double seconds) {
    }

    private final Platform platform;
    private final CpuMeter services;
    private final Admin admin;
    private final Backlogs backlogs;

    LifecycleMeters(Platform platform, Map<String, Long> servicePids, String postgresDataDirectory) {
        this.platform = platform;
        this.services = new CpuMeter(servicePids, postgresDataDirectory);
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers()));
        this.backlogs = new Backlogs(platform);
    }

    Reading read() {
        Map<String, Double> cpu = new LinkedHashMap<>(services.now());
        cpu.remove("benchmark JVM (Kafka, SMTP, load)");
        // this JVM as a whole; Delta splits it by thread role
        cpu.put(INFRA, CpuMeter.cpuSeconds(ProcessHandle.current().pid()));
        return new Reading(System.nanoTime(), cpu, databaseCounters(), recordsWritten(), threadsOfThisJvm());
    }

    /** Platform parts: everything but the load generator and this JVM's own JIT/GC. */
    static boolean isPlatform(String part) {
        return !part.equals(LOAD) && !part.equals(HOST_JVM);
    }

    /**
     * CPU seconds of this JVM's live threads by role. Virtual-thread carriers ({@code ForkJoinPool-N-worker}), the
     * HTTP client, the Kafka tap and admin clients and {@code main} are the load generator; compiler, GC and VM threads
     * are this JVM's overhead (shared by everything in it); the rest is the embedded broker, IdP and SMTP capture.
     */
    private static Map<String, ThreadCpu> threadsOfThisJvm() {
        Map<String, ThreadCpu> byId = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                byId.put(task.getFileName().toString(), new ThreadCpu(roleOf(comm), seconds));
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byId;
    }

    private static String roleOf(String comm) {
        if (comm.startsWith("ForkJoinPool-") || comm.startsWith("HttpClient-") || comm.startsWith("lifecycle-")
                || comm.startsWith("kafka-admin-cli") || comm.equals("java") || comm.equals("main")) {
            return LOAD;
        }
        if (comm.contains("CompilerThre") || comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                || comm.startsWith("VM ") || comm.startsWith("C1 ") || comm.startsWith("C2 ")) {
            return HOST_JVM;
        }
        return "infrastructure";
    }

    private Map<String, long[]> databaseCounters() {
        Map<String, long[]> counters = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(platform.postgres().jdbcUrl("postgres"),
                platform.postgres().username(), platform.postgres().password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT datname, xact_commit, xact_rollback FROM pg_stat_database "
                     + "WHERE datname IN ('claims', 'reviews', 'consents', 'notifications')")) {
            while (result.next()) {
                counters.put(result.getString(1), new long[] {result.getLong(2), result.getLong(3)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read pg_stat_database", e);
        }
        return counters;
    }

    /**
     * Autovacuum and autoanalyze runs so far in the four databases ({@code pg_stat_user_tables}). Each is a
     * transaction of its own, counted in {@code xact_commit} like the platform's; PostgreSQL runs them for a while
     * after writes, also when the platform has nothing to do. Read in each service's database, where each reading is a
     * commit.
     */
    long maintenanceRuns() {
        long runs = 0;
        for (String service : Platform.SERVICES) {
            runs += Backlogs.Database.queryLong(platform, service,
                    "SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0) FROM pg_stat_user_tables");
        }
        return runs;
    }

    /** Sum of the end offsets of every topic but the broker's own: records written so far. */
    private long recordsWritten() {
        try {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = descriptions.values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("Could not read topic end offsets", e);
        }
    }

    /** Records not yet read by the services' consumers (a growing backlog shows here). */
    long consumerLag() {
        return backlogs.consumerLag();
    }

    @Override
    public void close() {
        admin.close();
    }

    /** The difference between two readings. */
    record Delta(double seconds, Map<String, Double> cpuSeconds, Map<String, long[]> commitsAndRollbacks, long records) {

        static Delta between(Reading before, Reading after) {
            Map<String, Double> cpu = new LinkedHashMap<>();
            after.cpuSeconds().forEach((part, used) -> cpu.put(part, used - before.cpuSeconds().getOrDefault(part, 0.0)));
            // per thread, so a thread that ends between the readings takes nothing away from its role; what it used
            // after the first reading stays in the JVM's total and so counts as infrastructure (conservative)
            Map<String, Double> byRole = new HashMap<>();
            after.threads().forEach((id, thread) -> {
                ThreadCpu earlier = before.threads().get(id);
                double used = thread.seconds() - (earlier == null ? 0 : earlier.seconds());
                byRole.merge(thread.role(), Math.max(0, used), Double::sum);
            });
            double load = byRole.getOrDefault(LOAD, 0.0);
            double hostJvm = byRole.getOrDefault(HOST_JVM, 0.0);
            cpu.put(INFRA, cpu.get(INFRA) - load - hostJvm);
            cpu.put(HOST_JVM, hostJvm);
            cpu.put(LOAD, load);
            Map<String, long[]> db = new LinkedHashMap<>();
            for (String database : DATABASES) {
                long[] a = after.commitsAndRollbacks().getOrDefault(database, new long[2]);
                long[] b = before.commitsAndRollbacks().getOrDefault(database, new long[2]);
                db.put(database, new long[] {a[0] - b[0], a[1] - b[1]});
            }
            return new Delta((after.nanos() - before.nanos()) / 1e9, cpu, db, after.records() - before.records());
        }

        double platformCpuSeconds() {
            return cpuSeconds.entrySet().stream().filter(entry -> isPlatform(entry.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        long commits() {
            return commitsAndRollbacks.values().stream().mapToLong(counts -> counts[0]).sum();
        }

        long rollbacks() {
            return commitsAndRollbacks.values().stream().mapToLong(counts -> counts[1]).sum();
        }
    }
}
