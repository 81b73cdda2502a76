package io.tributary.connectors.kinesis.camel;

import io.tributary.connectors.camel.AwsConnectorComponent;
import io.tributary.connectors.kinesis.KinesisConnector;
import io.tributary.connectors.kinesis.KinesisSettings;
import java.net.URI;
import java.util.Map;
import org.apache.camel.Endpoint;

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
public class KinesisComponent extends AwsConnectorComponent<KinesisConnector> {
    public static final String SCHEME = "tributary-kinesis";
    /** Header with the shard id of an exchange's records (one shard per exchange). */
    public static final String SHARD_ID_HEADER = "TributaryKinesisShardId";

    public KinesisComponent() {}

    /** A component on a shared connector, which it does not close. */
    public KinesisComponent(KinesisConnector connector) {
        super(connector);
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

    @Override
    protected KinesisConnector createConnector(
            URI endpoint, String region, String accountId, String accessKeyId, String secretAccessKey) {
        return new KinesisConnector(new KinesisSettings(endpoint, region, accountId, accessKeyId, secretAccessKey));
    }
}
