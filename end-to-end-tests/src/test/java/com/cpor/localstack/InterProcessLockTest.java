package com.cpor.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two builds training AOT caches at once: each process holds one lock in one thread while another thread waits for
 * the other process's lock. The kernel sees a cycle between the processes and refused the blocking wait ("Resource
 * deadlock avoided"), so a service started without its cache.
 */
class InterProcessLockTest {

    @Test
    void a_thread_waits_for_a_lock_another_process_holds_while_that_process_waits_for_a_lock_of_a_sibling_thread(
            @TempDir Path directory) throws Exception {
        Path held = directory.resolve("held.lock");
        Path wanted = directory.resolve("wanted.lock");
        InterProcessLock heldHere = InterProcessLock.acquire(held);
        Process other = new ProcessBuilder(AotCache.javaCommand(), "-cp", System.getProperty("java.class.path"),
                OtherProcess.class.getName(), wanted.toString(), held.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("holding " + wanted);
            // the other process goes on to wait for `held`

            CompletableFuture<InterProcessLock> sibling = CompletableFuture.supplyAsync(() -> acquire(wanted));

            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(sibling).as("the sibling thread waits for the other process").isNotDone());
            heldHere.close();
            try (InterProcessLock acquired = sibling.get(30, TimeUnit.SECONDS)) {
                assertThat(acquired).isNotNull();
            }
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).isZero();
        } finally {
            other.destroyForcibly();
        }
    }

    private static InterProcessLock acquire(Path file) {
        try {
            return InterProcessLock.acquire(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes its first lock, says so, then waits for the second with a blocking lock. */
    public static final class OtherProcess {

        public static void main(String[] files) throws IOException {
            try (FileChannel first = FileChannel.open(Path.of(files[0]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 var firstLock = first.lock()) {
                System.out.println("holding " + files[0]);
                System.out.flush();
                try (FileChannel second = FileChannel.open(Path.of(files[1]), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                     var secondLock = second.lock()) {
                    System.out.println("holding both");
                }
            }
        }
    }
}
