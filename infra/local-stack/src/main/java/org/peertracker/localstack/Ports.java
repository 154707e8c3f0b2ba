package org.peertracker.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tells whether a TCP port is free to listen on. */
final class Ports {

    private Ports() {}

    /** Checks loopback and the wildcard address, because a server bound to either one blocks ours. */
    static boolean isFree(int port) {
        return canBind("127.0.0.1", port) && canBind("0.0.0.0", port);
    }

    private static boolean canBind(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
