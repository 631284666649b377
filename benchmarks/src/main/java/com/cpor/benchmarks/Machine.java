package com.cpor.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on, and how busy it was. */
record Machine(int cpus, String cpuModel, long memoryMiB, String jdk, String os) {

    static Machine describe() {
        String model = lines("/proc/cpuinfo").stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown");
        long memoryKiB = lines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal"))
                .findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
        return new Machine(Runtime.getRuntime().availableProcessors(), model, memoryKiB / 1024,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** 1-minute load average (runnable processes; compare with the CPU count). */
    static double loadAverage() {
        List<String> load = lines("/proc/loadavg");
        return load.isEmpty() ? -1 : Double.parseDouble(load.getFirst().split(" ")[0]);
    }

    /** Kilobytes of a {@code /proc/<pid>/status} field, e.g. VmRSS (resident now) or VmHWM (peak resident). */
    static long statusKiB(long pid, String field) {
        return lines("/proc/" + pid + "/status").stream().filter(line -> line.startsWith(field + ":"))
                .findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(-1L);
    }

    /** Other JVMs on the machine (e.g. builds) that compete with the benchmark for the CPUs. */
    static long foreignJvms() {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> process.parent().map(parent -> parent.pid() != self).orElse(true))
                .filter(process -> process.info().command().orElse("").toLowerCase(Locale.ROOT).endsWith("java"))
                .count();
    }

    static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
