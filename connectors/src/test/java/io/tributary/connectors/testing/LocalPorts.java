package io.tributary.connectors.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports of 127.0.0.1 for test servers. Shared with other modules through the connectors test-jar. */
public final class LocalPorts {
    private LocalPorts() {}

    /** A port of 127.0.0.1 that was free a moment ago, for a server that cannot bind port 0 itself. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
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
