package com.cpor.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file, shared with other processes, taken by polling. The kernel tracks these (fcntl) locks
 * per process, not per thread: a blocking {@code lock()} by one thread while another thread of the same process holds
 * a lock that the other process waits for looks like a deadlock, and the kernel refuses it ("Resource deadlock
 * avoided"), although each thread would get its lock in turn. Two builds training AOT caches at once met exactly that.
 * {@code tryLock()} never waits, so it is never refused that way. Threads of one process must not share a file:
 * callers serialise them first.
 */
final class InterProcessLock implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;

    private InterProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static InterProcessLock acquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            for (FileLock lock = channel.tryLock(); ; lock = channel.tryLock()) {
                if (lock != null) {
                    return new InterProcessLock(channel, lock);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + file, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        }
    }
}
