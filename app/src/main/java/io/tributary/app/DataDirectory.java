package io.tributary.app;

import io.tributary.api.TributaryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory, held for the life of the service: two Tributary processes on one directory would corrupt each
 * other's queues and mappings, so the second one is refused with a clear message.
 */
final class DataDirectory implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory when missing and locks it. */
    static DataDirectory open(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(path);
            channel = FileChannel.open(
                    path.resolve("tributary.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(path, channel);
            }
            return new DataDirectory(path, channel, lock);
        } catch (OverlappingFileLockException e) {
            throw inUse(path, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new TributaryException("Cannot use the data directory " + path + ": " + e, e);
        }
    }

    Path path() {
        return path;
    }

    Path resolve(String child) {
        return path.resolve(child);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static TributaryException inUse(Path path, FileChannel channel) {
        closeQuietly(channel);
        return new TributaryException("The data directory " + path + " is used by another running Tributary: stop"
                + " it, or give this one its own directory with --data-dir");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
