package com.cpor.e2e;

import com.cpor.localstack.Platform;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services of the shared platform and the console start from their extracted jars with a JDK AOT cache
 * (local-stack AotCache): start-up CPU is the bulk of a test run and of a restart after a crash. A cache the JVM could not use would only
 * be ignored, so the check loads each one with {@code -XX:AOTMode=on}, which refuses a missing, damaged or
 * mismatched cache instead.
 */
class AotCacheE2EIT {

    @Test
    void every_service_and_the_console_run_with_an_aot_cache_that_the_jvm_accepts_for_its_class_path()
            throws Exception {
        Platform platform = E2EPlatform.get();
        Map<String, Integer> ports = new LinkedHashMap<>();
        Platform.SERVICES.forEach(service -> ports.put(service, platform.service(service).port()));
        ports.put("console", platform.startConsole().port());
        for (Map.Entry<String, Integer> process : ports.entrySet()) {
            String service = process.getKey();
            List<String> command = commandOf(service, process.getValue());
            String cache = option(command, "-XX:AOTCache=");
            assertThat(Path.of(cache)).as(service + "'s cache").isRegularFile();
            String jar = command.get(command.indexOf("-jar") + 1);
            assertThat(jar).as(service + " runs from its extracted jar").contains("/target/aot/");

            List<String> check = new ArrayList<>();
            check.add(command.getFirst());
            check.addAll(command.subList(1, command.indexOf("-jar")));
            check.add("-XX:AOTMode=on");
            check.addAll(List.of("-cp", jar, "-version"));
            Process java = new ProcessBuilder(check).redirectErrorStream(true).start();
            assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(java.getInputStream().readAllBytes());
            assertThat(java.exitValue()).as(service + ": " + output).isZero();
        }
    }

    private static List<String> commandOf(String service, int serverPort) {
        String port = "--server.port=" + serverPort;
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(port))
                .map(process -> {
                    List<String> command = new ArrayList<>();
                    command.add(process.info().command().orElseThrow());
                    command.addAll(List.of(process.info().arguments().orElseThrow()));
                    return command;
                })
                .findFirst().orElseThrow(() -> new AssertionError("no process of " + service));
    }

    private static String option(List<String> command, String prefix) {
        return command.stream().filter(argument -> argument.startsWith(prefix))
                .map(argument -> argument.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + command));
    }
}
