package io.tributary.mapper.control;

import io.tributary.api.StreamConnector;
import java.util.List;
import java.util.Objects;

/** A {@link StreamConnector} as the {@link StreamLookup} Create asks whether a stream exists. */
public final class StreamConnectorLookup implements StreamLookup {
    private final StreamConnector connector;

    public StreamConnectorLookup(StreamConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** One lookup per connector, in the same order. */
    public static List<StreamLookup> of(List<? extends StreamConnector> connectors) {
        return connectors.stream().<StreamLookup>map(StreamConnectorLookup::new).toList();
    }

    @Override
    public boolean serves(String streamArn) {
        return connector.serves(streamArn);
    }

    @Override
    public boolean exists(String streamArn) {
        return connector.exists(streamArn);
    }
}
