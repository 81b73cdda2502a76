package io.tributary.connectors.kinesis.camel;

import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisSettings;
import java.net.URI;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code tributary-kinesis} Camel component: {@code tributary-kinesis:<streamName>?startingPosition=TRIM_HORIZON}.
 * Its consumer routes each GetRecords answer of one shard as ONE exchange whose body is the
 * {@code List<StreamRecord>} (records in Lambda's Kinesis event shape) and moves past those records only after the
 * exchange completed without exception; a failed exchange is routed again, with the same records, after a backoff.
 * Shards are read parents before children. Positions live in memory only: event source mappings (the stream engine)
 * are what keeps durable checkpoints, retries limits and on-failure destinations.
 *
 * <p>Give it a {@link KinesisConnector} (shared, not closed by the component), or let it create and own one from its
 * {@code endpoint}, {@code region}, {@code accountId}, {@code accessKeyId} and {@code secretAccessKey} properties.
 */
public class KinesisComponent extends DefaultComponent {
    public static final String SCHEME = "tributary-kinesis";
    /** Header with the shard id of an exchange's records (one shard per exchange). */
    public static final String SHARD_ID_HEADER = "TributaryKinesisShardId";

    private KinesisConnector connector;
    private boolean ownsConnector;
    private String endpoint;
    private String region = "us-east-1";
    private String accountId = "000000000000";
    private String accessKeyId;
    private String secretAccessKey;

    public KinesisComponent() {}

    /** A component on a shared connector, which it does not close. */
    public KinesisComponent(KinesisConnector connector) {
        this.connector = connector;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("the stream name is missing: use " + SCHEME + ":<streamName>");
        }
        KinesisEndpoint kinesisEndpoint = new KinesisEndpoint(uri, this, remaining);
        setProperties(kinesisEndpoint, parameters);
        return kinesisEndpoint;
    }

    /** The connector: the one given, or one created from this component's properties on first use. */
    synchronized KinesisConnector connector() {
        if (connector == null) {
            URI uri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
            connector = new KinesisConnector(new KinesisSettings(uri, region, accountId, accessKeyId, secretAccessKey));
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

    /** The Kinesis endpoint URL, e.g. {@code http://127.0.0.1:4567}; unset means AWS's endpoint for the region. */
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
