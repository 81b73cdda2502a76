package io.tributary.app.sqs;

import io.tributary.api.TributaryException;
import java.sql.Connection;
import java.sql.SQLException;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * The JVM-wide connection pool ElasticMQ's SQL store writes through. ElasticMQ opens it only the first time a store is
 * created in a JVM and never again, so a server started after another one was stopped (a restart in tests, a second
 * {@code tributary run} in one JVM) would find it closed or pointing at the old directory. Tributary therefore opens
 * it itself before each start and closes it after each stop, which also releases H2's file lock.
 */
final class H2Pool {
    private H2Pool() {}

    static void open(SqlQueuePersistenceConfig config) {
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        ConnectionPoolSettings settings = pools.singleton$default$4();
        pools.singleton(
                config.uri(),
                config.username(),
                config.password(),
                settings,
                pools.singleton$default$5(config.uri(), config.username(), config.password(), settings));
        // Open the database now: a locked or broken file must fail the start with its reason, not later inside an
        // actor, where ElasticMQ would only log it and the restore would time out.
        try (Connection connection = pools.borrow(pools.DEFAULT_NAME())) {
            connection.isValid(5);
        } catch (SQLException | RuntimeException e) {
            close();
            throw new TributaryException(
                    "Cannot open the embedded SQS store " + config.uri() + ": " + e.getMessage(), e);
        }
    }

    static void close() {
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        pools.close(pools.DEFAULT_NAME());
    }
}
