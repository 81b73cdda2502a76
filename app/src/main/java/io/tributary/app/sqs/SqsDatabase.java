package io.tributary.app.sqs;

import io.tributary.api.TributaryException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.DBMessage;
import org.elasticmq.persistence.sql.DBQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * The embedded SQS server's H2 database: one table of queues and one of messages, on one JDBC connection that only
 * the {@link QueueStore} actor uses (so no pool and no locking). Rows have ElasticMQ's own formats: a queue's
 * {@code data} is ElasticMQ's {@link DBQueue} JSON of its {@link CreateQueueMetadata}, and a message row has the columns
 * of ElasticMQ's per-queue message tables, converted with {@link DBMessage}.
 *
 * <p>Why not ElasticMQ's layout (a {@code message_<name>_<hash>} table per queue): creating a queue was a
 * {@code CREATE TABLE}, and opening the file parsed every table definition, which made a start with 1,000 queues cost
 * ~2 s of CPU. A data directory written in that layout is converted on open ({@link LegacyLayoutMigration}).
 *
 * <p>The writes run in one transaction until {@link #commit()}, which H2 writes to the file before it returns
 * ({@code WRITE_DELAY=0}): what was committed survives a {@code kill -9}. The store commits the writes of every event
 * waiting in its mailbox at once (a commit costs ~1 ms of file writing, 1,000 writes in one commit ~80 ms).
 */
final class SqsDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqsDatabase.class);

    private static final String MESSAGE_COLUMNS = "message_id, delivery_receipts, next_delivery, content, attributes,"
            + " created, received, receive_count, group_id, deduplication_id, tracing_id, sequence_number,"
            + " dead_letter_source_queue_name";

    private final Connection connection;
    private final PreparedStatement upsertQueue;
    private final PreparedStatement deleteQueue;
    private final PreparedStatement deleteQueueMessages;
    private final PreparedStatement insertMessage;
    private final PreparedStatement updateMessage;
    private final PreparedStatement deleteMessage;

    private SqsDatabase(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.upsertQueue = connection.prepareStatement("MERGE INTO sqs_queue (name, data) KEY (name) VALUES (?, ?)");
        this.deleteQueue = connection.prepareStatement("DELETE FROM sqs_queue WHERE name = ?");
        this.deleteQueueMessages = connection.prepareStatement("DELETE FROM sqs_message WHERE queue_name = ?");
        this.insertMessage = connection.prepareStatement("INSERT INTO sqs_message (queue_name, " + MESSAGE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // The columns ElasticMQ's own store updates when a message changes (receive, visibility, move).
        this.updateMessage = connection.prepareStatement("UPDATE sqs_message SET delivery_receipts = ?,"
                + " next_delivery = ?, attributes = ?, received = ?, receive_count = ?, tracing_id = ?,"
                + " sequence_number = ?, dead_letter_source_queue_name = ? WHERE queue_name = ? AND message_id = ?");
        this.deleteMessage =
                connection.prepareStatement("DELETE FROM sqs_message WHERE queue_name = ? AND message_id = ?");
    }

    /**
     * Opens (creating it when missing) the database {@code elasticmq} in {@code dir}, converting ElasticMQ's layout.
     *
     * @throws TributaryException when the file cannot be opened, e.g. another process holds it
     */
    static SqsDatabase open(Path dir) {
        // WRITE_DELAY=0: H2 writes each commit to the file before the call returns (by default it buffers up to
        // 500 ms), so a message SQS acknowledged survives a kill -9 of the process (MainProcessIT checks it).
        // DB_CLOSE_ON_EXIT=FALSE: H2 must not close the file from its own shutdown hook while our ordered shutdown
        // still lets in-flight batches finish and delete their messages; the store actor closes it last.
        String url = "jdbc:h2:file:" + dir.resolve("elasticmq") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(url, "sa", "");
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS sqs_queue (name VARCHAR PRIMARY KEY, data BLOB)");
                // seq keeps the order messages were stored in (the primary key orders a table scan in H2), which
                // restores a FIFO queue's messages in their order; ElasticMQ's tables kept it by row id.
                statement.execute("CREATE TABLE IF NOT EXISTS sqs_message ("
                        + "seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, queue_name VARCHAR NOT NULL,"
                        + " message_id VARCHAR NOT NULL, delivery_receipts BLOB, next_delivery BIGINT, content BLOB,"
                        + " attributes BLOB, created BIGINT, received BIGINT, receive_count INT, group_id VARCHAR,"
                        + " deduplication_id VARCHAR, tracing_id VARCHAR, sequence_number VARCHAR,"
                        + " dead_letter_source_queue_name VARCHAR,"
                        + " CONSTRAINT sqs_message_key UNIQUE (queue_name, message_id))");
            }
            LegacyLayoutMigration.migrate(connection, MESSAGE_COLUMNS);
            return new SqsDatabase(connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw new TributaryException("Cannot open the embedded SQS store " + url + ": " + e.getMessage(), e);
        }
    }

    /** The stored queues, by name. */
    Map<String, CreateQueueMetadata> queues() throws SQLException {
        Map<String, CreateQueueMetadata> queues = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT name, data FROM sqs_queue")) {
            while (rs.next()) {
                queues.put(rs.getString(1), new DBQueue(rs.getString(1), rs.getBytes(2)).toCreateQueue());
            }
        }
        return queues;
    }

    /** The stored messages by queue name, each queue's in the order they were stored. */
    Map<String, List<InternalMessage>> messages() throws SQLException {
        Map<String, List<InternalMessage>> messages = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT queue_name, " + MESSAGE_COLUMNS + " FROM sqs_message ORDER BY seq")) {
            while (rs.next()) {
                messages.computeIfAbsent(rs.getString(1), name -> new ArrayList<>())
                        .add(message(rs).toInternalMessage());
            }
        }
        return messages;
    }

    void putQueue(CreateQueueMetadata queue) throws SQLException {
        DBQueue row = DBQueue.from(queue);
        upsertQueue.setString(1, row.name());
        upsertQueue.setBytes(2, row.data());
        upsertQueue.executeUpdate();
    }

    /** Deletes the queue and its messages. */
    void deleteQueue(String name) throws SQLException {
        deleteQueueMessages.setString(1, name);
        deleteQueueMessages.executeUpdate();
        deleteQueue.setString(1, name);
        deleteQueue.executeUpdate();
    }

    void purgeQueue(String name) throws SQLException {
        deleteQueueMessages.setString(1, name);
        deleteQueueMessages.executeUpdate();
    }

    void addMessage(String queueName, InternalMessage message) throws SQLException {
        DBMessage m = DBMessage.from(message);
        PreparedStatement s = insertMessage;
        s.setString(1, queueName);
        s.setString(2, m.messageId());
        s.setBytes(3, m.deliveryReceipts());
        s.setLong(4, m.nextDelivery());
        s.setBytes(5, m.content());
        s.setBytes(6, m.attributes());
        s.setLong(7, m.created());
        setLong(s, 8, m.received());
        s.setInt(9, m.receiveCount());
        s.setString(10, m.groupId().getOrElse(() -> null));
        s.setString(11, m.deduplicationId().getOrElse(() -> null));
        s.setString(12, m.tracingId().getOrElse(() -> null));
        s.setString(13, m.sequenceNumber().getOrElse(() -> null));
        s.setString(14, m.deadLetterSourceQueueName().getOrElse(() -> null));
        s.executeUpdate();
    }

    void updateMessage(String queueName, InternalMessage message) throws SQLException {
        DBMessage m = DBMessage.from(message);
        PreparedStatement s = updateMessage;
        s.setBytes(1, m.deliveryReceipts());
        s.setLong(2, m.nextDelivery());
        s.setBytes(3, m.attributes());
        setLong(s, 4, m.received());
        s.setInt(5, m.receiveCount());
        s.setString(6, m.tracingId().getOrElse(() -> null));
        s.setString(7, m.sequenceNumber().getOrElse(() -> null));
        s.setString(8, m.deadLetterSourceQueueName().getOrElse(() -> null));
        s.setString(9, queueName);
        s.setString(10, m.messageId());
        s.executeUpdate();
    }

    void removeMessage(String queueName, String messageId) throws SQLException {
        deleteMessage.setString(1, queueName);
        deleteMessage.setString(2, messageId);
        deleteMessage.executeUpdate();
    }

    /** Makes the writes since the last commit durable. */
    void commit() throws SQLException {
        connection.commit();
    }

    /** Drops the writes since the last commit. */
    void rollback() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static DBMessage message(ResultSet rs) throws SQLException {
        long received = rs.getLong(8);
        Option<Object> receivedAt = rs.wasNull() ? Option.empty() : Option.apply(received);
        return new DBMessage(
                rs.getString(2),
                rs.getBytes(3),
                rs.getLong(4),
                rs.getBytes(5),
                rs.getBytes(6),
                rs.getLong(7),
                receivedAt,
                rs.getInt(9),
                Option.apply(rs.getString(10)),
                Option.apply(rs.getString(11)),
                Option.apply(rs.getString(12)),
                Option.apply(rs.getString(13)),
                Option.apply(rs.getString(14)));
    }

    private static void setLong(PreparedStatement s, int index, Option<Object> value) throws SQLException {
        if (value.isDefined()) {
            s.setLong(index, (Long) value.get());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // Nothing left to do with it: H2 releases the file at the latest when the JVM exits.
            log.warn("Could not close the embedded SQS store: {}", e.toString());
        }
    }
}
