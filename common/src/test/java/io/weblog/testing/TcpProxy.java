package io.weblog.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on {@code 127.0.0.1} that tests put between a client and a server to break connections on purpose:
 * {@link #severAll()} resets every open connection, as a dropped network or a restarted middlebox would, while new
 * connections keep working. Two threads per connection pump the bytes, one per direction.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy that forwards every connection it accepts to the target. */
    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy port", e);
        }
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many proxied connections are open now. */
    public int connections() {
        return open.size();
    }

    /** How many connections were accepted since the start, for "it reconnected" assertions. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /**
     * Abruptly closes every open connection on both sides (a TCP reset: no FIN, no pending data delivered). New
     * connections are still accepted. Returns how many were severed.
     */
    public int severAll() {
        List<Connection> severed = List.copyOf(open);
        severed.forEach(Connection::reset);
        return severed.size();
    }

    /** Stops accepting and severs every open connection. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        severAll();
    }

    @Override
    public String toString() {
        return "TcpProxy[127.0.0.1:" + port() + " -> " + targetHost + ":" + targetPort + ", open " + open.size() + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 10_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            accepted.incrementAndGet();
            Connection connection = new Connection(client, upstream);
            open.add(connection);
            connection.start();
            if (closed) {
                connection.reset();
            }
        }
    }

    /** One proxied connection and its two pumps; removed from the open set once both sockets are closed. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger running = new AtomicInteger(2);

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            String name = "tcp-proxy-" + client.getPort();
            startPump(client, upstream, name + "-up");
            startPump(upstream, client, name + "-down");
        }

        private void startPump(Socket from, Socket to, String name) {
            Thread thread = new Thread(() -> pump(from, to), name);
            thread.setDaemon(true);
            thread.start();
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[32 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                // Orderly end of one direction: pass the half close on, as TCP would.
                if (!to.isClosed()) {
                    to.shutdownOutput();
                }
            } catch (IOException e) {
                // A reset or a sever: the other pump notices on its own socket, both sockets are closed below.
                reset();
            } finally {
                if (running.decrementAndGet() == 0) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    open.remove(this);
                }
            }
        }

        /** Closes both sockets with SO_LINGER 0, so that each peer receives a reset. */
        void reset() {
            resetQuietly(client);
            resetQuietly(upstream);
            open.remove(this);
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException e) {
            // already gone
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
