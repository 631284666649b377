package com.cpor.benchmarks;

import com.cpor.localstack.Directories;
import com.cpor.localstack.Platform;
import com.cpor.localstack.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 13 item 4: how long the whole platform and each service take to start, and what their start costs in CPU.
 * {@code -Dbenchmark.suite=startup}. The first start trains the services' AOT caches (local-stack {@code AotCache});
 * then starts from the fat jars (the caches switched off) and from the caches alternate, so both see the same machine.
 */
final class StartupRun {

    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private record Start(String mode, double wholeStackSeconds, Map<String, Double> readySeconds,
                         Map<String, Double> cpuSeconds, double loadAverage) {
    }

    private StartupRun() {
    }

    static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("cpor.home", ".")).toAbsolutePath().normalize();
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path output = home.resolve("benchmarks/results").resolve(stamp + "-startup");
        Files.createDirectories(output);

        for (String service : Platform.SERVICES) {
            Directories.deleteTree(home.resolve(service).resolve("target/aot"));
        }
        List<Start> starts = new ArrayList<>();
        starts.add(start(home, output, "first start after a build (trains the AOT caches)", true, 0));
        for (int round = 1; round <= rounds; round++) {
            starts.add(start(home, output, "fat jar, no AOT cache (before)", false, round));
            starts.add(start(home, output, "extracted jar + AOT cache (after)", true, round));
        }

        BenchmarkRun.Report report = new BenchmarkRun.Report();
        Machine machine = Machine.describe();
        report.title("CPOR start-up benchmark — " + output.getFileName());
        report.line("Machine: %d CPUs (%s), %d MiB, JDK %s. Service JVM flags: `%s`.", machine.cpus(),
                machine.cpuModel(), machine.memoryMiB(), machine.jdk(), String.join(" ", ServiceProcess.jvmOptions()));
        report.line("Each start: `Platform.start` (embedded PostgreSQL and Kafka, then the four services in parallel, "
                + "until each answers UP on `/actuator/health`) on free ports with throw-away state. *Ready* is Spring "
                + "Boot's `process running for` (JVM start to ready); CPU is each service JVM's CPU time when the whole "
                + "stack was up.");
        report.line("");
        report.line("| start | whole stack s | %s | service CPU s (sum) | load avg |",
                String.join(" | ", Platform.SERVICES.stream().map(service -> service + " ready s / CPU s").toList()));
        report.line("|---|---:|%s---:|---:|", "---:|".repeat(Platform.SERVICES.size()));
        for (Start start : starts) {
            StringBuilder row = new StringBuilder("| " + start.mode() + " | " + format(start.wholeStackSeconds()));
            for (String service : Platform.SERVICES) {
                row.append(" | ").append(format(start.readySeconds().get(service))).append(" / ")
                        .append(format(start.cpuSeconds().get(service)));
            }
            double cpu = start.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
            report.line("%s | %s | %.2f |", row, format(cpu), start.loadAverage());
        }
        report.line("");
        for (String mode : List.of("fat jar, no AOT cache (before)", "extracted jar + AOT cache (after)")) {
            List<Start> same = starts.stream().filter(start -> start.mode().equals(mode)).toList();
            report.line("- %s: whole stack median %s s, service CPU median %s s", mode,
                    format(median(same.stream().map(Start::wholeStackSeconds).toList())),
                    format(median(same.stream().map(start -> start.cpuSeconds().values().stream()
                            .mapToDouble(Double::doubleValue).sum()).toList())));
        }
        Files.writeString(output.resolve("report.md"), report.text());
        System.out.println(report.text());
        System.out.println("Report: " + output.resolve("report.md"));
        System.exit(0);
    }

    private static Start start(Path home, Path output, String mode, boolean aotCache, int round) throws IOException {
        System.setProperty("cpor.services.aot-cache", String.valueOf(aotCache));
        Path logs = output.resolve("logs-" + round + "-" + (aotCache ? "aot" : "fat"));
        double load = Machine.loadAverage();
        long began = System.nanoTime();
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> ready = new LinkedHashMap<>();
        try (Platform platform = Platform.start(new Platform.Settings(home, null, Platform.Ports.free(), Map.of(),
                false, logs))) {
            double whole = (System.nanoTime() - began) / 1e9;
            for (String service : Platform.SERVICES) {
                String port = "--server.port=" + platform.service(service).port();
                cpu.put(service, ProcessHandle.current().descendants()
                        .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(port))
                        .findFirst().flatMap(process -> process.info().totalCpuDuration())
                        .map(duration -> duration.toMillis() / 1000.0).orElse(Double.NaN));
                ready.put(service, readySeconds(platform.service(service).logFile()));
            }
            System.out.printf("%s: whole stack %.1f s, CPU %s%n", mode, whole, cpu);
            return new Start(mode, whole, ready, cpu, load);
        }
    }

    private static double readySeconds(Path log) throws IOException {
        Matcher started = STARTED.matcher(Files.readString(log));
        return started.find() ? Double.parseDouble(started.group(2)) : Double.NaN;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static String format(Double value) {
        return value == null || value.isNaN() ? "n/a" : String.format("%.1f", value);
    }
}
