package io.tributary.connectors.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports of 127.0.0.1 for test servers. Shared with other modules through the connectors test-jar. */
public final class LocalPorts {
    private LocalPorts() {}

    /** Below Linux's default ephemeral range (32768–60999), from which the OS hands out ports on its own. */
    private static final int FIRST = 20000;

    private static final int LAST = 32767;

    /**
     * A port of 127.0.0.1 that was free a moment ago, for a server that cannot bind port 0 itself. Chosen below the
     * ephemeral range: a port the OS picked for a port-0 bind can be handed out again, before the server binds it, to
     * another port-0 bind or to an outgoing connection of the same test (e.g. the embedded SQS server started with
     * port 0 took the API port a test had picked just before); a port below that range is taken only by whoever names it.
     */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port of 127.0.0.1 between " + FIRST + " and " + LAST);
    }

    /** Whether something accepts connections on the port of 127.0.0.1 (tried for up to 200 ms). */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
