package io.tributary.mapper.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tributary.api.TributaryException;
import io.tributary.mapper.EventSourceMapping;
import io.tributary.mapper.MappingStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Keeps each mapping in its own JSON file, {@code <directory>/<uuid>.json}, holding the mapping and its creation
 * sequence number (so {@link #loadAll} returns creation order). Every write goes to a temporary file that is forced to
 * disk and then atomically renamed over the old one: a crash leaves either the old or the new definition, never half
 * of one. Thread-safe.
 */
public final class FileMappingStore implements MappingStore {
    private static final int FORMAT_VERSION = 1;
    private static final String SUFFIX = ".json";
    private static final Pattern SAFE_UUID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private long nextSequence;

    /** What one file holds. {@code sequence} orders mappings by creation; it survives updates. */
    record StoredMapping(int formatVersion, long sequence, EventSourceMapping mapping) {
        StoredMapping {
            Objects.requireNonNull(mapping, "mapping");
        }
    }

    /**
     * @param directory created if missing
     * @throws TributaryException when the directory cannot be created or an existing file cannot be read
     */
    public FileMappingStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new TributaryException("Cannot create the mapping directory " + directory + ": " + e, e);
        }
        nextSequence =
                readAll().stream().mapToLong(StoredMapping::sequence).max().orElse(-1) + 1;
    }

    @Override
    public synchronized void save(EventSourceMapping mapping) {
        Path file = fileOf(mapping.uuid());
        long sequence = Files.exists(file) ? read(file).sequence() : nextSequence++;
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(new StoredMapping(FORMAT_VERSION, sequence, mapping));
        } catch (JsonProcessingException e) {
            throw new TributaryException("Cannot serialize event source mapping " + mapping.uuid() + ": " + e, e);
        }
        Path temp = directory.resolve(mapping.uuid() + SUFFIX + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            move(temp, file);
            forceDirectory();
        } catch (IOException e) {
            throw new TributaryException("Cannot write event source mapping file " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void delete(String uuid) {
        Path file = fileOf(uuid);
        try {
            Files.deleteIfExists(file);
            forceDirectory();
        } catch (IOException e) {
            throw new TributaryException("Cannot delete event source mapping file " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized List<EventSourceMapping> loadAll() {
        return readAll().stream()
                .sorted(Comparator.comparingLong(StoredMapping::sequence))
                .map(StoredMapping::mapping)
                .toList();
    }

    private List<StoredMapping> readAll() {
        List<StoredMapping> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                all.add(read(file));
            }
        } catch (IOException e) {
            throw new TributaryException("Cannot list the mapping directory " + directory + ": " + e, e);
        }
        return all;
    }

    private StoredMapping read(Path file) {
        try {
            StoredMapping stored = json.readValue(file.toFile(), StoredMapping.class);
            if (stored.formatVersion() != FORMAT_VERSION) {
                throw new TributaryException("Event source mapping file " + file + " has format version "
                        + stored.formatVersion() + "; this Tributary reads version " + FORMAT_VERSION);
            }
            return stored;
        } catch (IOException | RuntimeException e) {
            if (e instanceof TributaryException te) {
                throw te;
            }
            throw new TributaryException(
                    "Event source mapping file " + file + " is corrupt or unreadable (fix or remove it): "
                            + e.getMessage(),
                    e);
        }
    }

    private Path fileOf(String uuid) {
        // The UUID becomes a file name: refuse anything that could leave the directory.
        if (uuid == null || !SAFE_UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("not a mapping UUID: " + uuid);
        }
        return directory.resolve(uuid + SUFFIX);
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically: " + e.getMessage(), e);
        }
    }

    /** Makes the rename itself durable; some platforms cannot open a directory, which is then best effort. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Not supported on every OS (e.g. Windows); the file contents themselves were already forced.
        }
    }
}
