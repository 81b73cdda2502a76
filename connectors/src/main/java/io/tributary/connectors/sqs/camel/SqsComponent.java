package io.tributary.connectors.sqs.camel;

import io.tributary.connectors.sqs.SqsConnector;
import io.tributary.connectors.sqs.SqsSettings;
import java.net.URI;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code tributary-sqs} Camel component: {@code tributary-sqs:<queueName>?maxMessagesPerPoll=10&waitTimeSeconds=20}.
 * Its consumer hands each received batch to the route as one exchange whose body is the {@code List<SourceRecord>}
 * (records in Lambda's SQS event shape), and deletes the batch with DeleteMessageBatch only after the exchange
 * completed without exception.
 *
 * <p>Give it a {@link SqsConnector} (shared, not closed by the component), or let it create and own one from its
 * {@code endpoint}, {@code region}, {@code accountId}, {@code accessKeyId} and {@code secretAccessKey} properties.
 */
public class SqsComponent extends DefaultComponent {
    public static final String SCHEME = "tributary-sqs";

    private SqsConnector connector;
    private boolean ownsConnector;
    private String endpoint;
    private String region = "us-east-1";
    private String accountId = "000000000000";
    private String accessKeyId;
    private String secretAccessKey;

    /** A component that creates its own connector from its properties when the first endpoint starts. */
    public SqsComponent() {}

    /** A component on a shared connector, which it does not close. */
    public SqsComponent(SqsConnector connector) {
        this.connector = connector;
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

    /** The connector: the one given, or one created from this component's properties on first use. */
    synchronized SqsConnector connector() {
        if (connector == null) {
            URI uri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
            connector = new SqsConnector(new SqsSettings(uri, region, accountId, accessKeyId, secretAccessKey));
            ownsConnector = true;
        }
        return connector;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (ownsConnector && connector != null) {
            connector.close();
            connector = null;
            ownsConnector = false;
        }
        super.doStop();
    }

    /** The SQS endpoint URL, e.g. {@code http://127.0.0.1:9324}; unset means AWS's endpoint for the region. */
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getRegion() {
        return region;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getAccountId() {
        return accountId;
    }

    /** Static credentials; unset means the AWS SDK's default credential chain. */
    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setSecretAccessKey(String secretAccessKey) {
        this.secretAccessKey = secretAccessKey;
    }

    public String getSecretAccessKey() {
        return secretAccessKey;
    }
}
