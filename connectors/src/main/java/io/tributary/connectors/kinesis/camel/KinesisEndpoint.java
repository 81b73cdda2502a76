package io.tributary.connectors.kinesis.camel;

import io.tributary.api.StreamPosition;
import io.tributary.api.StreamSource;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A {@code tributary-kinesis:<streamName>} endpoint: owns the stream's {@link StreamSource}. Consumer only. */
public class KinesisEndpoint extends DefaultEndpoint {
    private final String streamName;
    private String startingPosition = "TRIM_HORIZON";
    private int maxRecords = 100;
    private long pollDelayMillis = 1000;
    private long errorBackoffMillis = 1000;

    KinesisEndpoint(String uri, KinesisComponent component, String streamName) {
        super(uri, component);
        this.streamName = streamName;
    }

    @Override
    public KinesisComponent getComponent() {
        return (KinesisComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(KinesisComponent.SCHEME + " endpoints can only consume");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        KinesisConsumer consumer = new KinesisConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    StreamSource openSource() {
        var connector = getComponent().connector();
        return connector.open(connector.settings().streamArn(streamName));
    }

    StreamPosition initialPosition() {
        return "LATEST".equals(startingPosition) ? StreamPosition.latest() : StreamPosition.trimHorizon();
    }

    public String getStreamName() {
        return streamName;
    }

    /** Where the shards listed at start begin: TRIM_HORIZON (default) or LATEST. Later children start at their start. */
    public void setStartingPosition(String startingPosition) {
        if (!"TRIM_HORIZON".equals(startingPosition) && !"LATEST".equals(startingPosition)) {
            throw new IllegalArgumentException("startingPosition must be TRIM_HORIZON or LATEST: " + startingPosition);
        }
        this.startingPosition = startingPosition;
    }

    public String getStartingPosition() {
        return startingPosition;
    }

    /** Records per GetRecords call and so per exchange, 1..10,000 (default 100). */
    public void setMaxRecords(int maxRecords) {
        if (maxRecords < 1 || maxRecords > 10_000) {
            throw new IllegalArgumentException("maxRecords must be 1..10000: " + maxRecords);
        }
        this.maxRecords = maxRecords;
    }

    public int getMaxRecords() {
        return maxRecords;
    }

    /** How long a shard that returned no records waits before reading again (default 1000 ms, Lambda's rate). */
    public void setPollDelayMillis(long pollDelayMillis) {
        this.pollDelayMillis = pollDelayMillis;
    }

    public long getPollDelayMillis() {
        return pollDelayMillis;
    }

    /** How long to wait before routing a failed batch again, or after a failed Kinesis call (default 1000 ms). */
    public void setErrorBackoffMillis(long errorBackoffMillis) {
        this.errorBackoffMillis = errorBackoffMillis;
    }

    public long getErrorBackoffMillis() {
        return errorBackoffMillis;
    }
}
