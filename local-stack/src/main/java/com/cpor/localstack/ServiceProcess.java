package com.cpor.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the platform as a real child process ({@code java -jar <service>.jar --key=value ...}),
 * so it can be stopped gracefully, killed abruptly and started again like in production.
 */
public final class ServiceProcess {

    public static final String JVM_OPTIONS_PROPERTY = "cpor.services.jvm-options";
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Path logFile;
    private final Map<String, String> environment;
    private Process process;

    ServiceProcess(String name, Path jar, int port, Map<String, String> properties, Path logFile) {
        this(name, jar, port, properties, logFile, Map.of());
    }

    ServiceProcess(String name, Path jar, int port, Map<String, String> properties, Path logFile,
                   Map<String, String> environment) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = Map.copyOf(properties);
        this.logFile = logFile;
        this.environment = Map.copyOf(environment);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() {
        AotCache.Launch launch = prepare();
        List<String> command = new ArrayList<>();
        command.add(AotCache.javaCommand());
        command.addAll(launch.jvmOptions());
        command.add("-jar");
        command.add(launch.jar().toString());
        command.addAll(arguments());
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** How this service's JVM starts: from its AOT cache, trained now if there is none yet ({@link AotCache}). */
    synchronized AotCache.Launch prepare() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw -DskipTests package)");
        }
        return AotCache.launch(jar, jvmOptions(), arguments(), environment);
    }

    private List<String> arguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=" + port);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    /**
     * The service JVMs' flags: small and quick to start by default; {@code -Dcpor.services.jvm-options="..."} (space
     * separated) replaces them, e.g. with the production image's flags for a benchmark.
     */
    public static List<String> jvmOptions() {
        String options = System.getProperty(JVM_OPTIONS_PROPERTY, "").strip();
        return options.isEmpty() ? DEFAULT_JVM_OPTIONS : List.of(options.split("\\s+"));
    }

    /** Waits until the service reports UP on its health endpoint. */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(name + " did not become healthy within " + timeout + "; see " + logFile);
    }

    /** Asks the process to stop (SIGTERM) without waiting: several services then stop at the same time. */
    public synchronized void signalStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Graceful stop (SIGTERM): in-flight work finishes, consumers leave their group. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** Abrupt stop (SIGKILL), as in a crash: nothing gets to finish. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
