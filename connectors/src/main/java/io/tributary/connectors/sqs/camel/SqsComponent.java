package io.tributary.connectors.sqs.camel;

import io.tributary.connectors.camel.AwsConnectorComponent;
import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.connectors.sqs.SqsSettings;
import java.net.URI;
import java.util.Map;
import org.apache.camel.Endpoint;

/**
 * The {@code tributary-sqs} Camel component: {@code tributary-sqs:<queueName>?maxMessagesPerPoll=10&waitTimeSeconds=20}.
 * Its consumer hands each received batch to the route as one exchange whose body is the {@code List<SourceRecord>}
 * (records in Lambda's SQS event shape), and deletes the batch with DeleteMessageBatch only after the exchange
 * completed without exception.
 *
 * <p>Give it a {@link SqsConnector} (shared, not closed by the component), or let it create and own one from its
 * {@code endpoint}, {@code region}, {@code accountId}, {@code accessKeyId} and {@code secretAccessKey} properties.
 */
public class SqsComponent extends AwsConnectorComponent<SqsConnector> {
    public static final String SCHEME = "tributary-sqs";

    /** A component that creates its own connector from its properties when the first endpoint starts. */
    public SqsComponent() {}

    /** A component on a shared connector, which it does not close. */
    public SqsComponent(SqsConnector connector) {
        super(connector);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("the queue name is missing: use " + SCHEME + ":<queueName>");
        }
        SqsEndpoint sqsEndpoint = new SqsEndpoint(uri, this, remaining);
        setProperties(sqsEndpoint, parameters);
        return sqsEndpoint;
    }

    @Override
    protected SqsConnector createConnector(
            URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey) {
        return new SqsConnector(new SqsSettings(endpoint, region, accountId, accessKeyId, secretAccessKey));
    }
}
