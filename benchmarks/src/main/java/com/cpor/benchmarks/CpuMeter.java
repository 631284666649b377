package com.cpor.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds used so far (user + system, from {@code /proc/<pid>/stat}) by each part of the platform: the four
 * service JVMs, all PostgreSQL processes, and this JVM (Kafka broker, SMTP capture, load generator).
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> servicePids;
    private final String postgresDataDirectory;

    /** @param postgresDataDirectory the platform's server ({@code SHOW data_directory}), not other PostgreSQLs */
    CpuMeter(Map<String, Long> servicePids, String postgresDataDirectory) {
        this.servicePids = servicePids;
        this.postgresDataDirectory = postgresDataDirectory;
    }

    Map<String, Double> now() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        servicePids.forEach((service, pid) -> seconds.put(service, cpuSeconds(pid)));
        seconds.put("postgres", postgresSeconds());
        seconds.put("benchmark JVM (Kafka, SMTP, load)", cpuSeconds(ProcessHandle.current().pid()));
        return seconds;
    }

    /** Cores busy per part between two readings taken {@code wallSeconds} apart. */
    static Map<String, Double> coresBetween(Map<String, Double> before, Map<String, Double> after, double wallSeconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((part, used) -> cores.put(part, (used - before.getOrDefault(part, 0.0)) / wallSeconds));
        return cores;
    }

    /** The postmaster of our server and its children (backends, WAL writer, checkpointer, ...). */
    private double postgresSeconds() {
        List<Long> postgres;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            postgres = processes.filter(path -> path.getFileName().toString().matches("\\d+"))
                    .filter(path -> comm(path).equals("postgres"))
                    .map(path -> Long.parseLong(path.getFileName().toString())).toList();
        } catch (IOException e) {
            return 0;
        }
        Long postmaster = postgres.stream().filter(pid -> ProcessHandle.of(pid)
                        .flatMap(process -> process.info().commandLine())
                        .map(command -> command.contains(postgresDataDirectory)).orElse(false))
                .findFirst().orElse(null);
        if (postmaster == null) {
            return 0;
        }
        return postgres.stream().filter(pid -> pid.equals(postmaster) || parentOf(pid) == postmaster)
                .mapToDouble(CpuMeter::cpuSeconds).sum();
    }

    private static long parentOf(long pid) {
        List<String> stat = Machine.lines("/proc/" + pid + "/stat");
        if (stat.isEmpty()) {
            return -1;
        }
        String line = stat.getFirst();
        return Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[1]);
    }

    private static String comm(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    static double cpuSeconds(long pid) {
        List<String> stat = Machine.lines("/proc/" + pid + "/stat");
        if (stat.isEmpty()) {
            return 0;
        }
        String line = stat.getFirst();
        // fields after the command name (which may contain spaces) start at ") "
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long userTicks = Long.parseLong(fields[11]);
        long systemTicks = Long.parseLong(fields[12]);
        return (userTicks + systemTicks) / TICKS_PER_SECOND;
    }
}
