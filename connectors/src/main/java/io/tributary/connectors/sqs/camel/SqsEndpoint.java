package io.tributary.connectors.sqs.camel;

import io.tributary.api.QueueSource;
import io.tributary.api.SourceException;
import io.tributary.connectors.sqs.SqsConnector;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A {@code tributary-sqs:<queueName>} endpoint: resolves the queue through the component's {@link SqsConnector} and
 * opens the {@link QueueSource} its consumer polls. Consumer only.
 */
public class SqsEndpoint extends DefaultEndpoint {
    private final String queueName;
    private int maxMessagesPerPoll = 10;
    private int waitTimeSeconds = 20;
    private long errorBackoffMillis = 1000;

    SqsEndpoint(String uri, SqsComponent component, String queueName) {
        super(uri, component);
        this.queueName = queueName;
    }

    @Override
    public SqsComponent getComponent() {
        return (SqsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(SqsComponent.SCHEME + " endpoints can only consume");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SqsConsumer consumer = new SqsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Looks the queue up and opens a source on it; fails when the queue does not exist. */
    QueueSource openSource() {
        SqsConnector connector = getComponent().connector();
        String arn = connector.queueArn(queueName);
        return connector
                .describe(arn)
                .map(connector::open)
                .orElseThrow(() -> new SourceException("SQS queue " + arn + " does not exist at "
                        + (connector.settings().endpoint() != null
                                ? connector.settings().endpoint()
                                : "AWS in " + connector.settings().region())));
    }

    public String getQueueName() {
        return queueName;
    }

    /** Messages per ReceiveMessage call, 1..10 (default 10): the largest batch one exchange carries. */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        if (maxMessagesPerPoll < 1 || maxMessagesPerPoll > 10) {
            throw new IllegalArgumentException("maxMessagesPerPoll must be 1..10: " + maxMessagesPerPoll);
        }
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /** Long-poll wait, 0..20 s (default 20). */
    public void setWaitTimeSeconds(int waitTimeSeconds) {
        if (waitTimeSeconds < 0 || waitTimeSeconds > 20) {
            throw new IllegalArgumentException("waitTimeSeconds must be 0..20: " + waitTimeSeconds);
        }
        this.waitTimeSeconds = waitTimeSeconds;
    }

    public int getWaitTimeSeconds() {
        return waitTimeSeconds;
    }

    /** How long to wait before polling again after a failed ReceiveMessage (default 1000 ms). */
    public void setErrorBackoffMillis(long errorBackoffMillis) {
        this.errorBackoffMillis = errorBackoffMillis;
    }

    public long getErrorBackoffMillis() {
        return errorBackoffMillis;
    }
}
