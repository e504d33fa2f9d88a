package io.weblog.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx on 127.0.0.1 in front of a log store, as many are deployed, that lets through only a request with the
 * right login: HTTP basic with a user and password, or {@code Authorization: ApiKey ...} with an API key. It refuses
 * any other with nginx's own 401. Needs {@code /usr/sbin/nginx} (Debian's nginx-light); runs as the user the tests run
 * as.
 */
public final class NginxProxy implements AutoCloseable {
    private final Process process;
    private final Path directory;
    private final int port;
    private final boolean tls;

    private NginxProxy(Process process, Path directory, int port, boolean tls) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.tls = tls;
    }

    /** Whether nginx is installed. */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx"));
    }

    /**
     * Starts nginx in front of {@code upstreamPort}, accepting {@code user}:{@code password} and the API key
     * {@code id:key}.
     */
    public static NginxProxy start(int upstreamPort, String user, String password, String apiKey) throws IOException {
        return start(upstreamPort, user, password, apiKey, false);
    }

    /**
     * Starts nginx as {@link #start(int, String, String, String)} does, serving HTTPS with a certificate for 127.0.0.1
     * signed by a certificate authority of its own, made with openssl: {@link #authority()} is its PEM file.
     */
    public static NginxProxy startTls(int upstreamPort, String user, String password, String apiKey)
            throws IOException {
        return start(upstreamPort, user, password, apiKey, true);
    }

    private static NginxProxy start(int upstreamPort, String user, String password, String apiKey, boolean tls)
            throws IOException {
        Path directory = Files.createTempDirectory("weblog-nginx-");
        if (tls) {
            certificates(directory);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        String key = Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8));
        String runAs = System.getProperty("user.name").equals("root") ? "user root;\n" : "";
        Files.writeString(directory.resolve("nginx.conf"), runAs + """
                worker_processes 1;
                error_log %1$s/error.log;
                pid %1$s/nginx.pid;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  map $http_authorization $allowed {
                    default 0;
                    "Basic %2$s" 1;
                    "ApiKey %3$s" 1;
                  }
                  server {
                    listen 127.0.0.1:%4$d%6$s;
                    %7$s
                    location / {
                      if ($allowed = 0) { return 401; }
                      proxy_pass http://127.0.0.1:%5$d;
                    }
                  }
                }
                """.formatted(directory, basic, key, port, upstreamPort, tls ? " ssl" : "", tls
                ? "ssl_certificate " + directory.resolve("server.pem") + "; ssl_certificate_key "
                        + directory.resolve("server.key") + ";" : ""));
        Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", directory.toString(), "-c",
                directory.resolve("nginx.conf").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(directory.resolve("out.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return new NginxProxy(process, directory, port, tls);
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("nginx did not start: " + Files.readString(directory.resolve("out.log")),
                            notYet);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
    }

    /** The proxy's URL. */
    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** The PEM file of the certificate authority that signed the HTTPS certificate. */
    public Path authority() {
        return directory.resolve("ca.pem");
    }

    /** A certificate authority and a certificate for 127.0.0.1 it signed, made with openssl. */
    private static void certificates(Path directory) throws IOException {
        run(directory, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=weblog test CA", "-keyout", "ca.key", "-out", "ca.pem");
        run(directory, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout",
                "server.key", "-out", "server.csr");
        Files.writeString(directory.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
        run(directory, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", "san.cnf", "-out", "server.pem");
    }

    private static void run(Path directory, String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("openssl.log").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: "
                        + Files.readString(directory.resolve("openssl.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where nginx keeps its files, removed with the rest of /tmp. */
    Path directory() {
        return directory;
    }
}
