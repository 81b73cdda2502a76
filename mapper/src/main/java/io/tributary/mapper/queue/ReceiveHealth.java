package io.tributary.mapper.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a queue mapping's receives fail, shared by its pollers: the first failure of a series is logged as a warning
 * and the recovery once, so an unreachable queue does not flood the log (each poller backs off on its own).
 */
final class ReceiveHealth {
    /** Logs as the runner: users follow one mapping under one logger. */
    private static final Logger log = LoggerFactory.getLogger(QueueMappingRunner.class);

    private final String uuid;
    private final String queueArn;
    private boolean failing;

    ReceiveHealth(String uuid, String queueArn) {
        this.uuid = uuid;
        this.queueArn = queueArn;
    }

    void failed(Throwable error) {
        boolean first;
        synchronized (this) {
            first = !failing;
            failing = true;
        }
        String cause = error.getCause() != null ? error.getCause().getMessage() : error.getMessage();
        if (first) {
            log.warn(
                    "Mapping {}: cannot receive from {}: {}; retrying (backing off up to {} s)",
                    uuid,
                    queueArn,
                    cause,
                    QueuePoller.MAX_RECEIVE_BACKOFF.toSeconds());
        } else {
            log.debug("Mapping {}: receive failed again: {}", uuid, cause);
        }
    }

    void succeeded() {
        synchronized (this) {
            if (!failing) {
                return;
            }
            failing = false;
        }
        log.info("Mapping {}: receiving from {} works again", uuid, queueArn);
    }
}
