package com.cpor.localstack;

import com.cpor.devinfra.DevIdentityProvider;
import com.cpor.devinfra.DevUser;
import com.cpor.devinfra.EmbeddedInfrastructure;
import com.cpor.devinfra.FreePorts;
import com.cpor.devinfra.KafkaServer;
import com.cpor.devinfra.MailCapture;
import com.cpor.devinfra.PostgresServer;
import com.cpor.devinfra.SamplePartner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on one machine: Kafka, PostgreSQL with one database per service, an SMTP server that
 * captures mail, a development identity provider, and the four services as child processes. Used by the
 * local stack (fixed ports, state under {@code ./var}) and by the end-to-end tests (free ports, throw-away state).
 */
public final class Platform implements AutoCloseable {

    public static final List<String> SERVICES =
            List.of("claim-service", "review-service", "consent-service", "notification-service");
    private static final Map<String, String> DATABASES = Map.of(
            "claim-service", "claims", "review-service", "reviews",
            "consent-service", "consents", "notification-service", "notifications");

    /** The consent-link secrets of the local stack and the tests: not for any real deployment. */
    private static final String LOCAL_LINK_SECRET = "local-stack-consent-link-secret-not-for-production";
    private static final String LOCAL_LINK_ENCRYPTION_KEY = "bG9jYWwtc3RhY2stbGluay1rZXktbm90LXNlY3JldCE=";

    private final Settings settings;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> serviceProperties = new LinkedHashMap<>();
    private final List<ServiceProcess> extraInstances = new ArrayList<>();
    private ServiceProcess console;
    private PostgresServer postgres;
    private Path restartablePostgresDirectory;
    private int restartablePostgresPort;
    private KafkaServer kafka;
    private MailCapture mail;
    private DevIdentityProvider identity;

    private Platform(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param home           the project directory (service jars are under {@code <service>/target/})
     * @param stateDirectory where data survives restarts, or null for throw-away infrastructure
     * @param ports          fixed ports, or {@link Ports#free()} for tests
     * @param overrides      extra service properties, per service name or {@code "*"} for all
     * @param restartablePostgres with throw-away state: run PostgreSQL on a fixed free port with its data in a
     *                       temporary directory, so {@link #stopPostgres()} and {@link #startPostgres()} can restart
     *                       it under load (the services keep their JDBC URLs)
     * @param logDirectory   where the services' logs go, or null for the default ({@code <state>/logs}, or
     *                       {@code <home>/target/service-logs} with throw-away state)
     * @param kafka          a running Kafka (e.g. a multi-broker cluster) that the caller owns and stops, or null for
     *                       the platform's own broker
     */
    public record Settings(Path home, Path stateDirectory, Ports ports, Map<String, Map<String, String>> overrides,
                           boolean restartablePostgres, Path logDirectory, KafkaServer kafka) {

        public Settings(Path home, Path stateDirectory, Ports ports, Map<String, Map<String, String>> overrides) {
            this(home, stateDirectory, ports, overrides, false, null, null);
        }

        public Settings(Path home, Path stateDirectory, Ports ports, Map<String, Map<String, String>> overrides,
                        boolean restartablePostgres, Path logDirectory) {
            this(home, stateDirectory, ports, overrides, restartablePostgres, logDirectory, null);
        }
    }

    /** Where people and tests reach the platform. */
    public record Ports(int claim, int review, int consent, int notification, int identity, int smtp,
                        int mailViewer, int postgres, int console) {

        public static Ports fixed() {
            return new Ports(8081, 8082, 8083, 8084, 9000, 2525, 8025, 15432, 8080);
        }

        public static Ports free() {
            return new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), 0,
                    FreePorts.next(), 0, 0, FreePorts.next());
        }

        int of(String service) {
            return switch (service) {
                case "claim-service" -> claim;
                case "review-service" -> review;
                case "consent-service" -> consent;
                case "notification-service" -> notification;
                default -> throw new IllegalArgumentException(service);
            };
        }
    }

    public static Platform start(Settings settings) {
        return start(settings, null);
    }

    /**
     * As {@link #start(Settings)}, but the services one at a time in {@code order}, each healthy (its listeners
     * subscribed, its topics declared) before the next starts: a first start in a chosen order.
     */
    public static Platform startOneByOne(Settings settings, List<String> order) {
        if (!order.stream().sorted().toList().equals(SERVICES.stream().sorted().toList())) {
            throw new IllegalArgumentException("Not an order of " + SERVICES + ": " + order);
        }
        return start(settings, order);
    }

    private static Platform start(Settings settings, List<String> oneByOne) {
        Platform platform = new Platform(settings);
        try {
            platform.startInfrastructure();
            platform.startServices(oneByOne);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startInfrastructure() {
        Path state = settings.stateDirectory();
        CompletableFuture<Void> database = CompletableFuture.runAsync(() -> {
            if (state == null && settings.restartablePostgres()) {
                restartablePostgresDirectory = temporaryDirectory("cpor-postgres-");
                restartablePostgresPort = FreePorts.next();
                postgres = EmbeddedInfrastructure.persistentPostgres(restartablePostgresDirectory, restartablePostgresPort);
            } else {
                postgres = state == null ? EmbeddedInfrastructure.postgres()
                        : EmbeddedInfrastructure.persistentPostgres(state.resolve("postgres"), settings.ports().postgres());
            }
            DATABASES.values().forEach(postgres::database);
        });
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> {
            if (settings.kafka() != null) {
                kafka = settings.kafka();
                return;
            }
            kafka = state == null ? EmbeddedInfrastructure.kafka() : new PersistentKafka(state.resolve("kafka"));
            if (state != null) {
                kafka.start();
            }
        });
        mail = MailCapture.start(settings.ports().smtp());
        identity = state == null ? DevIdentityProvider.start()
                : DevIdentityProvider.start(settings.ports().identity(), state.resolve("identity/signing-key.json"));
        CompletableFuture.allOf(database, broker).join();
    }

    /**
     * Makes the services' and the console's AOT caches ({@link AotCache}) without starting them: the infrastructure runs only
     * while each service's training run refreshes its context against it. A build step before the end-to-end tests,
     * so no test waits for a training run.
     */
    public static void trainAotCaches(Settings settings) {
        Platform platform = new Platform(settings);
        try {
            platform.startInfrastructure();
            platform.defineServices();
            // the console too: the browser tests start it once, and a training run inside one would count to its time
            List<ServiceProcess> all = new ArrayList<>(platform.services.values());
            all.add(platform.defineConsole());
            all.parallelStream().forEach(ServiceProcess::prepare);
        } finally {
            platform.close();
        }
    }

    private void startServices(List<String> oneByOne) {
        defineServices();
        if (oneByOne != null) {
            for (String service : oneByOne) {
                services.get(service).start();
                services.get(service).awaitHealthy(Duration.ofMinutes(3));
            }
        } else {
            // side by side: a first start after a build trains each service's AOT cache before launching it
            services.values().parallelStream().forEach(ServiceProcess::start);
            services.values().forEach(service -> service.awaitHealthy(Duration.ofMinutes(6)));
        }
        // the sample users' partner organisations: claims name them (spec §8), as staff would have entered them
        SamplePartner.seed(services.get("claim-service").baseUrl(), identity.tokenFor(DevUser.STAFF));
    }

    private void defineServices() {
        Path logs = settings.logDirectory() != null ? settings.logDirectory()
                : settings.stateDirectory() != null ? settings.stateDirectory().resolve("logs")
                : settings.home().resolve("target/service-logs");
        for (String service : SERVICES) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("spring.datasource.url", postgres.jdbcUrl(DATABASES.get(service)));
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            // one broker: topics with a single replica (production defaults are 3 and min.insync.replicas 2);
            // a multi-broker run sets its own through the overrides
            properties.put("cpor.messaging.replication-factor", "1");
            properties.put("cpor.messaging.min-insync-replicas", "1");
            properties.putAll(identity.resourceServerProperties());
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", String.valueOf(mail.port()));
            properties.put("cpor.consent.public-base-url", "http://localhost:" + settings.ports().consent());
            // e-mailed links open the console's claim and review pages
            properties.put("cpor.notifications.console-url", consoleUrl());
            // no service has a default for these outside the dev profile (docs/security.md): local, throw-away values
            properties.put("cpor.consent.link-secret", LOCAL_LINK_SECRET);
            properties.put("cpor.consent.link-encryption-key", LOCAL_LINK_ENCRYPTION_KEY);
            properties.putAll(settings.overrides().getOrDefault("*", Map.of()));
            properties.putAll(settings.overrides().getOrDefault(service, Map.of()));
            serviceProperties.put(service, properties);
            services.put(service, new ServiceProcess(service, jarOf(service), settings.ports().of(service), properties,
                    logs.resolve(service + ".log")));
        }
    }

    /**
     * Starts the web console (once; later calls return the running one): a Spring Boot process that signs users in
     * at this platform's identity provider and calls claim-service and review-service with their tokens. Not part
     * of {@link #start}: only the local stack and the browser tests need it.
     */
    public synchronized ServiceProcess startConsole() {
        if (console == null) {
            console = defineConsole();
            console.start();
            console.awaitHealthy(Duration.ofMinutes(3));
        }
        return console;
    }

    private ServiceProcess defineConsole() {
        Map<String, String> properties = new LinkedHashMap<>(identity.consoleClientProperties());
        properties.put("cpor.console.claim-service-url", service("claim-service").baseUrl());
        properties.put("cpor.console.review-service-url", service("review-service").baseUrl());
        properties.putAll(settings.overrides().getOrDefault("console", Map.of()));
        return new ServiceProcess("console", jarOf("console"), settings.ports().console(), properties,
                logDirectory().resolve("console.log"));
    }

    /** Where the console is (or will be) served: the base of every link in partner and reviewer e-mails. */
    public String consoleUrl() {
        return "http://localhost:" + settings.ports().console();
    }

    private Path jarOf(String service) {
        return settings.home().resolve(service).resolve("target").resolve(service + ".jar");
    }

    private Path logDirectory() {
        return services.values().iterator().next().logFile().getParent();
    }

    /**
     * Starts one more instance of a service on a free port against the same database and Kafka topics (same
     * consumer group), as when scaling out: its consumers join the group and partitions are rebalanced.
     * It is stopped with the platform unless stopped or killed before.
     */
    public ServiceProcess startExtraInstance(String name) {
        return startExtraInstance(name, Map.of());
    }

    /**
     * As {@link #startExtraInstance(String)}, with extra environment variables for the process (e.g. a
     * {@code LD_PRELOAD} that shifts its clock).
     */
    public ServiceProcess startExtraInstance(String name, Map<String, String> environment) {
        ServiceProcess extra;
        synchronized (this) {
            Map<String, String> properties = serviceProperties.get(name);
            if (properties == null) {
                throw new IllegalArgumentException("No service " + name);
            }
            int instance = extraInstances.size() + 2;
            extra = new ServiceProcess(name, jarOf(name), FreePorts.next(), properties,
                    logDirectory().resolve(name + "-" + instance + ".log"), environment);
            extraInstances.add(extra);
        }
        // several instances may start side by side (slowly on a small, busy machine)
        extra.start();
        extra.awaitHealthy(Duration.ofMinutes(6));
        return extra;
    }

    /** Stops a restartable PostgreSQL (see {@link Settings#restartablePostgres()}); its data stays. */
    public synchronized void stopPostgres() {
        requireRestartablePostgres();
        postgres.stop();
    }

    /**
     * Crashes a restartable PostgreSQL: SIGKILL of the postmaster (its backends notice and exit without
     * cleaning up, the next start runs crash recovery from the WAL). Returns the postmaster's process id.
     */
    public synchronized long killPostgres() {
        requireRestartablePostgres();
        Path pidFile = restartablePostgresDirectory.resolve("postmaster.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running (no " + pidFile + ")", e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("No postmaster with pid " + pid));
        postmaster.destroyForcibly();
        postmaster.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        // releases the embedded server's lock on the data directory (its pg_ctl stop fails and is only logged)
        runQuietly(postgres::stop, new ArrayList<>());
        return pid;
    }

    /**
     * Starts a restartable PostgreSQL again with the same data directory and port; after a crash this retries until
     * the old backends have exited and released the shared memory.
     */
    public synchronized void startPostgres() {
        requireRestartablePostgres();
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try {
                postgres = EmbeddedInfrastructure.persistentPostgres(restartablePostgresDirectory, restartablePostgresPort);
                return;
            } catch (RuntimeException e) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void requireRestartablePostgres() {
        if (restartablePostgresDirectory == null) {
            throw new IllegalStateException("PostgreSQL is restartable only with Settings.restartablePostgres");
        }
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            // the server creates the data directory itself; only its parent must exist
            return Files.createTempDirectory(prefix).resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first instance and the running extra instances of a service. */
    public synchronized List<ServiceProcess> instances(String name) {
        List<ServiceProcess> all = new ArrayList<>();
        all.add(service(name));
        extraInstances.stream().filter(extra -> extra.name().equals(name)).forEach(all::add);
        return all;
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name);
        }
        return service;
    }

    public DevIdentityProvider identity() {
        return identity;
    }

    public MailCapture mail() {
        return mail;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(String service) {
        return postgres.jdbcUrl(DATABASES.get(service));
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** Stops the services first (so in-flight work finishes), then the infrastructure this platform owns. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        List<ServiceProcess> all = new ArrayList<>(services.values());
        synchronized (this) {
            all.addAll(extraInstances);
            if (console != null) {
                all.add(console);
            }
        }
        // every service gets SIGTERM first, then each is waited for: their graceful stops overlap. Stopping them a
        // few at a time (a parallel stream on two cores) outlasted the time a test JVM gets to exit, and the
        // services not reached yet kept running after the build
        all.forEach(ServiceProcess::signalStop);
        all.parallelStream().forEach(ServiceProcess::stop);
        if (settings.stateDirectory() != null) {
            runQuietly(kafka == null ? null : kafka::stop, failures);
            runQuietly(postgres == null ? null : postgres::stop, failures);
        } else if (restartablePostgresDirectory != null) {
            runQuietly(postgres == null ? null : postgres::stop, failures);
            runQuietly(() -> deleteRecursively(restartablePostgresDirectory.getParent()), failures);
        }
        runQuietly(mail == null ? null : mail::close, failures);
        runQuietly(identity == null ? null : identity::close, failures);
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private static void deleteRecursively(Path directory) {
        try {
            Directories.deleteTree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void runQuietly(Runnable action, List<RuntimeException> failures) {
        if (action == null) {
            return;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
