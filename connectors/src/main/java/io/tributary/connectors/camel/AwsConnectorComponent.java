package io.tributary.connectors.camel;

import java.net.URI;
import org.apache.camel.support.DefaultComponent;

/**
 * What Tributary's Camel components for AWS services share: the connection settings as component properties
 * ({@code endpoint}, {@code region}, {@code accountId}, {@code accessKeyId}, {@code secretAccessKey}) and the connector
 * they are used for, either given (shared, not closed by the component) or created on first use and owned.
 *
 * @param <C> the connector type, e.g. the SQS or Kinesis connector
 */
public abstract class AwsConnectorComponent<C extends AutoCloseable> extends DefaultComponent {
    private C connector;
    private boolean ownsConnector;
    private String endpoint;
    private String region = "us-east-1";
    private String accountId = "000000000000";
    private String accessKeyId;
    private String secretAccessKey;

    /** A component that creates its own connector from its properties when the first endpoint needs it. */
    protected AwsConnectorComponent() {}

    /** A component on a shared connector, which it does not close. */
    protected AwsConnectorComponent(C connector) {
        this.connector = connector;
    }

    /**
     * Creates the connector from this component's properties.
     *
     * @param endpoint the endpoint URL, or {@code null} for AWS's endpoint of the region
     * @param accessKeyId static credentials, or {@code null} for the AWS SDK's default credential chain
     */
    protected abstract C createConnector(
            URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey);

    /** The connector: the one given, or one created from this component's properties on first use. */
    public synchronized C connector() {
        if (connector == null) {
            URI uri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
            connector = createConnector(uri, region, accountId, accessKeyId, secretAccessKey);
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

    /** The service's endpoint URL, e.g. {@code http://127.0.0.1:9324}; unset means AWS's endpoint for the region. */
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
