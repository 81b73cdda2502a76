package io.tributary.app.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.DeadLettersQueue;
import org.junit.jupiter.api.Test;
import scala.Option;

class QueueRestorerTest {

    @Test
    void aQueueComesAfterItsDeadLetterCopyToAndMoveToQueues() {
        // given queues stored before the queues they send messages to
        Map<String, CreateQueueMetadata> stored = new LinkedHashMap<>();
        put(
                stored,
                queue("orders", Option.apply(new DeadLettersQueue("orders-dlq", 3)), Option.empty(), Option.empty()));
        put(stored, queue("audit", Option.empty(), Option.empty(), Option.empty()));
        put(stored, queue("orders-dlq", Option.empty(), Option.apply("audit"), Option.empty()));
        put(stored, queue("old", Option.empty(), Option.empty(), Option.apply("orders")));

        // when ordered, then each comes after the queues it depends on
        assertThat(QueueRestorer.dependenciesFirst(stored))
                .extracting(CreateQueueMetadata::name)
                .containsExactly("audit", "orders-dlq", "orders", "old");
    }

    @Test
    void aCycleOfDeadLetterQueuesAndAMissingOneStillRestoresEveryQueueOnce() {
        Map<String, CreateQueueMetadata> stored = new LinkedHashMap<>();
        put(stored, queue("a", Option.apply(new DeadLettersQueue("b", 1)), Option.empty(), Option.empty()));
        put(stored, queue("b", Option.apply(new DeadLettersQueue("a", 1)), Option.empty(), Option.empty()));
        put(stored, queue("c", Option.apply(new DeadLettersQueue("deleted", 1)), Option.empty(), Option.empty()));

        assertThat(QueueRestorer.dependenciesFirst(stored))
                .extracting(CreateQueueMetadata::name)
                .containsExactly("b", "a", "c");
    }

    @Test
    void elasticMqsMessageTableNameIsDerivedFromTheQueueName() {
        // MessageRepository: message_${name.replace(".", "_").replace("-", "_")}_${name.hashCode.toHexString}
        assertThat(LegacyLayoutMigration.messageTable("orders-dlq.fifo"))
                .isEqualTo("MESSAGE_ORDERS_DLQ_FIFO_"
                        + Integer.toHexString("orders-dlq.fifo".hashCode()).toUpperCase());
    }

    private static void put(Map<String, CreateQueueMetadata> stored, CreateQueueMetadata queue) {
        stored.put(queue.name(), queue);
    }

    private static CreateQueueMetadata queue(
            String name, Option<DeadLettersQueue> deadLetters, Option<String> copyTo, Option<String> moveTo) {
        return new CreateQueueMetadata(
                name,
                Option.empty(),
                Option.empty(),
                Option.empty(),
                0L,
                0L,
                deadLetters,
                false,
                false,
                copyTo,
                moveTo,
                scala.collection.immutable.Map$.MODULE$.empty());
    }
}
