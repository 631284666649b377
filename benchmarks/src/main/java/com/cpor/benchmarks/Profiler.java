package com.cpor.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java Flight Recorder on the service JVMs, through {@code jcmd} of the JDK running the benchmark
 * (async-profiler is not available here). Summaries come from {@code jfr view thread-cpu-load} (share of the
 * machine's CPU per thread) and {@code jfr view hot-methods}.
 */
final class Profiler {

    private final Path bin = Path.of(ProcessHandle.current().info().command().orElse("java")).getParent();
    private final Map<String, Long> pids;
    private final Path output;
    private final String phase;

    Profiler(Map<String, Long> pids, Path output, String phase) {
        this.pids = pids;
        this.output = output;
        this.phase = phase;
    }

    void start() {
        pids.forEach((service, pid) -> run(List.of(bin.resolve("jcmd").toString(), String.valueOf(pid), "JFR.start",
                "name=benchmark", "settings=profile", "filename=" + recording(service))));
    }

    /** Stops the recordings (which writes them) and returns each service's hottest methods. */
    List<String> stopAndSummarise(int lines) {
        List<String> summary = new ArrayList<>();
        pids.forEach((service, pid) -> {
            run(List.of(bin.resolve("jcmd").toString(), String.valueOf(pid), "JFR.stop", "name=benchmark"));
            String hot = run(List.of(bin.resolve("jfr").toString(), "view", "--width", "160", "hot-methods",
                    recording(service).toString()));
            String threads = run(List.of(bin.resolve("jfr").toString(), "view", "--width", "160", "thread-cpu-load",
                    recording(service).toString()));
            summary.add("#### " + service + "\n\n```\n"
                    + String.join("\n", threads.lines().filter(line -> !line.isBlank()).limit(8).toList()) + "\n\n"
                    + String.join("\n", hot.lines().filter(line -> !line.isBlank()).limit(lines + 3).toList())
                    + "\n```\n");
        });
        return summary;
    }

    Path recording(String service) {
        return output.resolve(service + "-" + phase + ".jfr");
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "could not run " + command.getFirst() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
