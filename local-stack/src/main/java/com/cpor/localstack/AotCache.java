package com.cpor.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a service JVM from its extracted jar with a JDK AOT cache (JEP 483/514): loaded and linked classes come
 * from the cache instead of being read from nested jars, which cuts a service's start-up CPU to about a third on
 * this machine (docs/benchmarks.md). The first start of a jar trains the cache once: a JVM with the service's own
 * flags and arguments runs until its Spring context is refreshed ({@code spring.context.exit=onRefresh}, as Spring
 * Boot documents it) and writes the cache as it exits. Everything lives under {@code <module>/target/aot/}, keyed by
 * the jar's content and by the JVM and its flags, so a changed jar or other flags never meet a stale cache.
 * Off with {@code -Dcpor.services.aot-cache=false}, and below Java 25. A failed extraction or training costs only
 * the speed-up: the service then starts without a cache, and a training that failed is not tried again for the same
 * jar and flags.
 */
final class AotCache {

    static final String ENABLED_PROPERTY = "cpor.services.aot-cache";
    private static final long TRAINING_TIMEOUT_MINUTES = 5;
    /** The JVM's notes about classes it cannot archive are many and harmless; real failures stay errors. */
    private static final List<String> QUIET_AOT_LOG = List.of("-Xlog:aot=error", "-Xlog:cds=error");
    /** Other processes are kept out by file locks; threads of this one by these. */
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    /** How to start the JVM: its flags and the jar to run. */
    record Launch(List<String> jvmOptions, Path jar) {
    }

    private AotCache() {
    }

    static boolean enabled() {
        return Runtime.version().feature() >= 25
                && Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"));
    }

    /**
     * The launch of {@code fatJar} with {@code jvmOptions}; when no cache exists yet, trains it first with the same
     * flags, {@code arguments} and {@code environment} (the context refresh reaches the service's database and broker).
     */
    static Launch launch(Path fatJar, List<String> jvmOptions, List<String> arguments,
                         Map<String, String> environment) {
        if (!enabled()) {
            return new Launch(jvmOptions, fatJar);
        }
        Path extracted;
        try {
            extracted = extracted(fatJar);
        } catch (IOException | RuntimeException e) {
            warn(fatJar, e, "starts from its executable jar as is");
            return new Launch(jvmOptions, fatJar);
        }
        Path jar = extracted.resolve(fatJar.getFileName());
        Path cache = extracted.resolve(key(jvmOptions) + ".aot");
        synchronized (LOCKS.computeIfAbsent(cache, path -> new Object())) {
            try (InterProcessLock ignored = InterProcessLock.acquire(Path.of(cache + ".lock"))) {
                if (!Files.isRegularFile(cache) && !Files.exists(failed(cache))) {
                    train(jar, cache, jvmOptions, arguments, environment);
                }
            } catch (IOException | RuntimeException e) {
                warn(fatJar, e, "starts from its extracted jar without one");
            }
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(QUIET_AOT_LOG);
        if (Files.isRegularFile(cache)) {
            options.add("-XX:AOTCache=" + cache);
        }
        return new Launch(options, jar);
    }

    private static void warn(Path fatJar, Exception e, String consequence) {
        System.err.println("No AOT cache for " + fatJar.getFileName() + " (" + e.getMessage() + "): the service "
                + consequence);
    }

    /** {@code target/aot/<content hash>/}: the jar extracted once per content; other extractions are removed. */
    private static Path extracted(Path fatJar) throws IOException {
        Path root = fatJar.toAbsolutePath().getParent().resolve("aot");
        Files.createDirectories(root);
        Path target = root.resolve(contentHash(fatJar));
        synchronized (LOCKS.computeIfAbsent(root, path -> new Object())) {
            try (InterProcessLock ignored = InterProcessLock.acquire(root.resolve(".lock"))) {
                Path done = target.resolve(".extracted");
                if (!Files.exists(done)) {
                    try (Stream<Path> old = Files.list(root)) {
                        for (Path other : old.filter(Files::isDirectory).toList()) {
                            Directories.deleteTree(other);
                        }
                    }
                    run(List.of(javaCommand(), "-Djarmode=tools", "-jar", fatJar.toString(), "extract",
                            "--destination", target.toString()), Map.of(), root.resolve("extract.log"));
                    Files.createFile(done);
                }
            }
        }
        return target;
    }

    /** Spring Boot's training run; the JVM writes the cache when the refreshed context exits. */
    private static void train(Path jar, Path cache, List<String> jvmOptions, List<String> arguments,
                              Map<String, String> environment) throws IOException {
        Path output = Path.of(cache + ".tmp");
        Files.deleteIfExists(output);
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        command.addAll(QUIET_AOT_LOG);
        command.add("-XX:AOTCacheOutput=" + output);
        command.add("-Dspring.context.exit=onRefresh");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        try {
            run(command, environment, Path.of(cache + ".training.log"));
            if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                throw new IllegalStateException("the training run wrote no cache; see " + cache + ".training.log");
            }
        } catch (IOException | RuntimeException e) {
            // once per jar content and flags: a training that cannot succeed must not slow every later start
            Files.deleteIfExists(output);
            if (!Thread.currentThread().isInterrupted()) {
                Files.writeString(failed(cache), String.valueOf(e.getMessage()), StandardCharsets.UTF_8);
            }
            throw e;
        }
        Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path failed(Path cache) {
        return Path.of(cache + ".failed");
    }

    private static void run(List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(TRAINING_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(command.getLast() + " took over " + TRAINING_TIMEOUT_MINUTES
                        + " minutes; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit code " + process.exitValue() + "; see " + log);
        }
    }

    /** A cache is only valid for the JVM and flags that made it. */
    private static String key(List<String> jvmOptions) {
        MessageDigest digest = sha256();
        digest.update(javaCommand().getBytes(StandardCharsets.UTF_8));
        digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
        for (String option : jvmOptions) {
            digest.update((byte) 0);
            digest.update(option.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    /** By content, not time: a rebuild that changed nothing (the build is reproducible) keeps its cache. */
    private static String contentHash(Path jar) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(jar)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
