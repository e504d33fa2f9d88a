package io.weblog.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.weblog.testing.OpenSshd.KeyType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy passes bytes both ways, keeps half closes, and severs connections on demand while accepting new ones. */
class TcpProxyTest {

    private ServerSocket echoServer;

    @BeforeEach
    void startEchoServer() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!echoServer.isClosed()) {
                try {
                    Socket socket = echoServer.accept();
                    Thread echo = new Thread(() -> echo(socket), "echo");
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopEchoServer() throws IOException {
        echoServer.close();
    }

    @Test
    void passesBytesBothWaysAndCountsOpenConnections() throws IOException {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", echoServer.getLocalPort());
                Socket client = new Socket("127.0.0.1", proxy.port())) {
            client.setSoTimeout(5000);
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
            assertThat(proxy.connections()).isEqualTo(1);
            assertThat(proxy.acceptedConnections()).isEqualTo(1);
        }
    }

    @Test
    void aHalfCloseIsPassedOnAndTheConnectionEndsInOrder() throws Exception {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", echoServer.getLocalPort());
                Socket client = new Socket("127.0.0.1", proxy.port())) {
            client.setSoTimeout(5000);
            client.getOutputStream().write("last words".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();

            assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("last words");
            awaitValue(proxy::connections, 0);
        }
    }

    @Test
    void severAllResetsEveryConnectionAndNewOnesStillWork() throws IOException {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", echoServer.getLocalPort());
                Socket first = new Socket("127.0.0.1", proxy.port());
                Socket second = new Socket("127.0.0.1", proxy.port())) {
            first.setSoTimeout(5000);
            second.setSoTimeout(5000);
            roundTrip(first, "a");
            roundTrip(second, "b");

            assertThat(proxy.severAll()).isEqualTo(2);

            assertThat(proxy.connections()).isZero();
            for (Socket client : List.of(first, second)) {
                Throwable failure = catchThrowable(() -> client.getInputStream().read());
                assertThat(failure).as("a reset, not an orderly end of stream").isInstanceOf(SocketException.class);
            }
            try (Socket third = new Socket("127.0.0.1", proxy.port())) {
                third.setSoTimeout(5000);
                assertThat(roundTrip(third, "again")).isEqualTo("again");
                assertThat(proxy.connections()).isEqualTo(1);
            }
        }
    }

    @Test
    void anSshSessionRunsThroughTheProxyAndSeverAllBreaksIt() throws Exception {
        OpenSshd sshd = OpenSshd.shared();
        try (TcpProxy proxy = TcpProxy.to(sshd.host(), sshd.port())) {
            String sleep = "sleep 30.1" + ProcessHandle.current().pid();
            List<String> command = new ArrayList<>(sshd.sshCommand(OpenSshd.USER, KeyType.ED25519,
                    "echo $$; exec " + sleep));
            command.set(command.indexOf(Integer.toString(sshd.port())), Integer.toString(proxy.port()));
            command.addAll(command.size() - 2, List.of("-o", "HostKeyAlias=[127.0.0.1]:" + sshd.port()));
            Process ssh = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long remotePid = -1;
            try {
                remotePid = Long.parseLong(readLine(ssh.getInputStream()));
                assertThat(proxy.connections()).isEqualTo(1);
                assertThat(ssh.isAlive()).isTrue();

                proxy.severAll();

                assertThat(ssh.waitFor(10, TimeUnit.SECONDS)).as("ssh notices the reset").isTrue();
                assertThat(ssh.exitValue()).isEqualTo(255);
            } finally {
                ssh.destroyForcibly();
                // Without a PTY the remote sleep outlives its session (facts/ssh.md); end it by its PID.
                if (remotePid > 0) {
                    ProcessHandle.of(remotePid).ifPresent(ProcessHandle::destroy);
                }
            }
        }
    }

    private static String roundTrip(Socket client, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        client.getOutputStream().write(bytes);
        byte[] back = client.getInputStream().readNBytes(bytes.length);
        return new String(back, StandardCharsets.US_ASCII);
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the proxy reset the connection
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    private static void awaitValue(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (value.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(value.getAsInt()).isEqualTo(expected);
    }
}
