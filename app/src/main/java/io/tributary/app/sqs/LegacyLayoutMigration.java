package io.tributary.app.sqs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a data directory written by ElasticMQ's own SQL store (Tributary before its {@link QueueStore}): a table
 * {@code QUEUE} (name, data) and one table {@code MESSAGE_<name>_<hash>} per queue with the same message columns as
 * {@code sqs_message}. The rows are copied into {@code sqs_queue} and {@code sqs_message} in one transaction, then the
 * old tables are dropped.
 *
 * <p>Safe to run again after a crash at any point: the copy deletes what an earlier, committed copy of the same queue
 * left (H2 commits each {@code DROP TABLE} on its own, so a crash between the copy and the drops leaves both).
 */
final class LegacyLayoutMigration {
    private static final Logger log = LoggerFactory.getLogger(LegacyLayoutMigration.class);

    private LegacyLayoutMigration() {}

    static void migrate(Connection connection, String messageColumns) throws SQLException {
        if (!tableExists(connection, "QUEUE")) {
            return;
        }
        long started = System.nanoTime();
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT name FROM queue")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        int messages = 0;
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                PreparedStatement clear = connection.prepareStatement("DELETE FROM sqs_message WHERE queue_name = ?")) {
            statement.executeUpdate("MERGE INTO sqs_queue (name, data) KEY (name) SELECT name, data FROM queue");
            for (String name : names) {
                String table = messageTable(name);
                if (!tableExists(connection, table)) {
                    continue;
                }
                clear.setString(1, name);
                clear.executeUpdate();
                // ElasticMQ's tables have no key: the row id is the order the messages were stored in.
                try (PreparedStatement copy = connection.prepareStatement("INSERT INTO sqs_message (queue_name, "
                        + messageColumns + ") SELECT ?, " + messageColumns + " FROM \"" + table
                        + "\" ORDER BY _ROWID_")) {
                    copy.setString(1, name);
                    messages += copy.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        // Every table of ElasticMQ's layout goes, also one left by a queue whose row was gone (H2 would go on parsing
        // it at every open).
        List<String> old = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE 'MESSAGE\\_%' ESCAPE '\\'")) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : old) {
                statement.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
            statement.execute("DROP TABLE IF EXISTS queue");
        }
        log.info(
                "Converted the embedded SQS store from ElasticMQ's layout (a table per queue) to two tables: {} queue(s),"
                        + " {} message(s) in {} ms",
                names.size(),
                messages,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The table ElasticMQ's {@code MessageRepository} keeps a queue's messages in, as H2 stores the unquoted name
     * (upper case): {@code message_${name.replace(".", "_").replace("-", "_")}_${name.hashCode.toHexString}}.
     */
    static String messageTable(String queueName) {
        String escaped = queueName.replace(".", "_").replace("-", "_");
        return ("message_" + escaped + "_" + Integer.toHexString(queueName.hashCode()))
                .toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ?")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
