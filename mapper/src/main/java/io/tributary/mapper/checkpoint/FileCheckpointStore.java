package io.tributary.mapper.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.api.TributaryException;
import io.tributary.mapper.CheckpointStore;
import io.tributary.mapper.ShardCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded checkpoint store: one small JSON file per shard, {@code <dir>/<mapping uuid>/<shard id>.json}, holding
 * {@code {"sequenceNumber":"…","finished":false}}. Each write goes to a temporary file that is forced to disk and
 * then atomically renamed over the old one, so a crash leaves either the old or the new checkpoint, never a torn one.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";
    private final Path dir;

    public FileCheckpointStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<ShardCheckpoint> load(String mappingUuid, String shardId) {
        return read(file(mappingUuid, shardId));
    }

    @Override
    public Map<String, ShardCheckpoint> loadAll(String mappingUuid) {
        Path mappingDir = dir.resolve(encode(mappingUuid));
        Map<String, ShardCheckpoint> all = new HashMap<>();
        if (!Files.isDirectory(mappingDir)) {
            return all;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(mappingDir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String shardId =
                        URLDecoder.decode(name.substring(0, name.length() - SUFFIX.length()), StandardCharsets.UTF_8);
                read(file).ifPresent(c -> all.put(shardId, c));
            }
        } catch (IOException e) {
            throw failure("cannot list the checkpoints in " + mappingDir, e);
        }
        return all;
    }

    @Override
    public synchronized void save(String mappingUuid, String shardId, String sequenceNumber) {
        write(file(mappingUuid, shardId), new ShardCheckpoint(sequenceNumber, false));
    }

    @Override
    public synchronized void markShardFinished(String mappingUuid, String shardId) {
        Path file = file(mappingUuid, shardId);
        String sequence = read(file).map(ShardCheckpoint::sequenceNumber).orElse(null);
        write(file, new ShardCheckpoint(sequence, true));
    }

    @Override
    public synchronized void deleteAll(String mappingUuid) {
        Path mappingDir = dir.resolve(encode(mappingUuid));
        if (!Files.isDirectory(mappingDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(mappingDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(mappingDir);
        } catch (IOException e) {
            throw failure("cannot delete the checkpoints in " + mappingDir, e);
        }
    }

    private Path file(String mappingUuid, String shardId) {
        return dir.resolve(encode(mappingUuid)).resolve(encode(shardId) + SUFFIX);
    }

    private static Optional<ShardCheckpoint> read(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            JsonNode sequence = node.get("sequenceNumber");
            return Optional.of(new ShardCheckpoint(
                    sequence == null || sequence.isNull() ? null : sequence.asText(),
                    node.path("finished").asBoolean(false)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw failure("cannot read the checkpoint " + file, e);
        }
    }

    private static void write(Path file, ShardCheckpoint checkpoint) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sequenceNumber", checkpoint.sequenceNumber());
        node.put("finished", checkpoint.finished());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(node));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw failure("cannot write the checkpoint " + file, e);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static TributaryException failure(String message, Exception cause) {
        return new TributaryException(
                message + ": " + cause.getMessage(),
                cause instanceof IOException io ? new UncheckedIOException(io) : cause);
    }
}
