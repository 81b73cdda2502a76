package io.tributary.connectors.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqsQueueArnTest {

    @Test
    void parsesAStandardAndAFifoQueueArn() {
        var standard =
                SqsQueueArn.parse("arn:aws:sqs:us-east-1:000000000000:orders").orElseThrow();
        var fifo = SqsQueueArn.parse("arn:aws:sqs:eu-west-1:123456789012:orders.fifo")
                .orElseThrow();

        assertThat(standard).isEqualTo(new SqsQueueArn("aws", "us-east-1", "000000000000", "orders"));
        assertThat(standard.fifo()).isFalse();
        assertThat(fifo.queueName()).isEqualTo("orders.fifo");
        assertThat(fifo.fifo()).isTrue();
        assertThat(fifo.toString()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:orders.fifo");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                "arn:aws:sqs:us-east-1:000000000000:",
                "arn:aws:sqs:us-east-1:0000:orders",
                "arn:aws:sqs:us-east-1:000000000000:bad name",
                "https://sqs.us-east-1.amazonaws.com/000000000000/orders"
            })
    void rejectsWhatIsNotAnSqsQueueArn(String arn) {
        assertThat(SqsQueueArn.parse(arn)).isEmpty();
    }
}
