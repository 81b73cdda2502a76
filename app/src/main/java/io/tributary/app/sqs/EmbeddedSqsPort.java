package io.tributary.app.sqs;

import io.tributary.api.TributaryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.elasticmq.rest.sqs.SQSRestServer;

/**
 * For {@link EmbeddedSqs}: checks that its port on {@link EmbeddedSqs#HOST} is free and reads the port it bound, with
 * an error that says what to do when the port is taken.
 */
final class EmbeddedSqsPort {

    private EmbeddedSqsPort() {}

    /** Says what to do in words, where ElasticMQ would log two bind stack traces. */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(EmbeddedSqs.HOST), port));
        } catch (IOException e) {
            throw inUse(port, e);
        }
    }

    /** The port {@code server} listens on, once it has started; {@code port} is the one it was asked for. */
    static int bound(SQSRestServer server, int port) {
        try {
            return server.waitUntilStarted().localAddress().getPort();
        } catch (RuntimeException e) {
            throw inUse(port, e);
        }
    }

    private static TributaryException inUse(int port, Exception cause) {
        return new TributaryException(
                "Cannot start the embedded SQS server: port " + port + " on " + EmbeddedSqs.HOST + " is in use. Set"
                        + " Sqs.Port to another port, or Sqs.Endpoint to use a running SQS server",
                cause);
    }
}
