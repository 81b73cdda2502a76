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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    /** Files written and forced at once by {@link #saveAll}. */
    static final int PARALLEL_WRITES = 16;

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private long nextSequence;
    /** What the constructor read, handed to the first {@link #loadAll} unless a write came first: read once at start. */
    private List<StoredMapping> readAtOpen;

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
        readAtOpen = readAll();
        nextSequence =
                readAtOpen.stream().mapToLong(StoredMapping::sequence).max().orElse(-1) + 1;
    }

    @Override
    public synchronized void save(EventSourceMapping mapping) {
        readAtOpen = null;
        Path file = fileOf(mapping.uuid());
        Path temp = writeTemp(mapping, sequenceOf(file));
        try {
            move(temp, file);
        } catch (IOException e) {
            throw new TributaryException("Cannot write event source mapping file " + file + ": " + e, e);
        }
        forceDirectory();
    }

    /**
     * Writes every mapping to its temporary file and forces it to disk, several files at a time (concurrent
     * {@code fsync}s share the file system's journal commits, where one after the other each waits for its own), then
     * renames them all and forces the directory once. 1,000 mappings cost one parallel pass of {@code fsync}s instead
     * of 2,000 sequential ones. A crash before the directory is forced leaves each mapping either stored whole or not
     * at all; the caller reports success only after this returns.
     */
    @Override
    public synchronized void saveAll(List<EventSourceMapping> mappings) {
        readAtOpen = null;
        if (mappings.size() <= 1) {
            mappings.forEach(this::save);
            return;
        }
        List<Path> files = new ArrayList<>(mappings.size());
        List<Long> sequences = new ArrayList<>(mappings.size());
        Set<Path> seen = new HashSet<>();
        for (EventSourceMapping mapping : mappings) {
            Path file = fileOf(mapping.uuid());
            if (!seen.add(file)) {
                throw new IllegalArgumentException("mapping " + mapping.uuid() + " is twice in one batch");
            }
            files.add(file);
            sequences.add(sequenceOf(file));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_WRITES, mappings.size()), task -> {
            Thread thread = new Thread(task, "tributary-mapping-store");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Path>> temps = new ArrayList<>(mappings.size());
            for (int i = 0; i < mappings.size(); i++) {
                EventSourceMapping mapping = mappings.get(i);
                long sequence = sequences.get(i);
                temps.add(pool.submit(() -> writeTemp(mapping, sequence)));
            }
            for (int i = 0; i < temps.size(); i++) {
                move(join(temps.get(i)), files.get(i));
            }
        } catch (IOException e) {
            throw new TributaryException("Cannot write event source mapping files in " + directory + ": " + e, e);
        } finally {
            pool.shutdownNow();
        }
        forceDirectory();
    }

    /** The stored sequence of an existing file, or the next one for a new mapping. */
    private long sequenceOf(Path file) {
        return Files.exists(file) ? read(file).sequence() : nextSequence++;
    }

    /** Writes {@code <uuid>.json.tmp} and forces it to disk; returns its path. */
    private Path writeTemp(EventSourceMapping mapping, long sequence) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(new StoredMapping(FORMAT_VERSION, sequence, mapping));
        } catch (JsonProcessingException e) {
            throw new TributaryException("Cannot serialize event source mapping " + mapping.uuid() + ": " + e, e);
        }
        Path temp = directory.resolve(mapping.uuid() + SUFFIX + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new TributaryException("Cannot write event source mapping file " + temp + ": " + e, e);
        }
        return temp;
    }

    private static Path join(Future<Path> write) {
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryException("Interrupted while writing event source mapping files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new TributaryException("Cannot write event source mapping files: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public synchronized void delete(String uuid) {
        readAtOpen = null;
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
        List<StoredMapping> all = readAtOpen != null ? readAtOpen : readAll();
        readAtOpen = null;
        return all.stream()
                .sorted(Comparator.comparingLong(StoredMapping::sequence))
                .map(StoredMapping::mapping)
                .toList();
    }

    /**
     * Reads every file, in parallel on the common pool: binding 1,000 files was ~0.3 s of a start on one thread. The
     * first unreadable file met fails the whole read, naming it.
     */
    private List<StoredMapping> readAll() {
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            files.forEach(paths::add);
        } catch (IOException e) {
            throw new TributaryException("Cannot list the mapping directory " + directory + ": " + e, e);
        }
        return paths.parallelStream().map(this::read).toList();
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
