package io.weblog.source.store;

import io.weblog.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Talks to a log store over its REST API with the JDK's HTTP client: JSON requests, JSON answers, and every failure
 * worded for a person, with the store's own reason quoted. One client serves every source of a check that reads the
 * same store; its threads end when it is closed.
 */
final class StoreClient implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final StoreSettings settings;
    private final HttpClient http;
    private final String authorization;
    private volatile StoreInfo info;

    private final SourceException tlsProblem;

    /** A client for the store; a CA file that cannot be used makes every request fail saying why. */
    StoreClient(StoreSettings settings) {
        this.settings = settings;
        this.authorization = settings.login().authorization();
        AtomicInteger threads = new AtomicInteger();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .executor(Executors.newCachedThreadPool(runnable -> {
                    Thread thread = new Thread(runnable, "weblog-store-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }));
        SourceException problem = null;
        if (settings.caFile() != null) {
            try {
                builder.sslContext(sslContext(settings));
            } catch (SourceException e) {
                problem = e;
            }
        }
        this.tlsProblem = problem;
        this.http = builder.build();
    }

    /**
     * What answers at the store's URL ({@code GET /}), asked once per client.
     *
     * @throws SourceException when nothing answers, the login is refused, or what answers is no log store
     */
    StoreInfo info() throws SourceException, InterruptedException {
        StoreInfo known = info;
        if (known == null) {
            Object root = get("/");
            known = StoreInfo.of(root, settings.displayUrl());
            info = known;
        }
        return known;
    }

    /** A GET request; the answer's JSON. */
    Object get(String pathAndQuery) throws SourceException, InterruptedException {
        return send("GET", pathAndQuery, null);
    }

    /** A request with a JSON body (or none); the answer's JSON. */
    Object send(String method, String pathAndQuery, Object body) throws SourceException, InterruptedException {
        byte[] answer = sendForBytes(method, pathAndQuery, body);
        try {
            return Json.parse(answer);
        } catch (IllegalArgumentException e) {
            throw new SourceException(settings.displayUrl() + " answered " + method + " " + shortPath(pathAndQuery)
                    + " with something that is not JSON (" + e.getMessage() + "): is it the URL of the store?");
        }
    }

    /** A request with a JSON body (or none); the answer's bytes, for a caller that reads parts of them raw. */
    byte[] sendForBytes(String method, String pathAndQuery, Object body)
            throws SourceException, InterruptedException {
        if (tlsProblem != null) {
            throw tlsProblem;
        }
        URI uri = URI.create(settings.displayUrl() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SourceException(unreachable(e), e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new StoreRefusal(status, refusal(method, pathAndQuery, status, response.body()),
                    errorType(response.body()), reason(response.body()));
        }
        return response.body();
    }

    /** The settings this client was made for. */
    StoreSettings settings() {
        return settings;
    }

    /** A path part of a URL with its characters encoded, such as an index pattern. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2A", "*")
                .replace("%2C", ",");
    }

    @Override
    public void close() {
        if (http.executor().orElse(null) instanceof java.util.concurrent.ExecutorService executor) {
            executor.shutdownNow();
        }
    }

    /** The store refused a request with an HTTP status: the status, what it said, and its error type if any. */
    static final class StoreRefusal extends SourceException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String type;
        private final String reason;

        StoreRefusal(int status, String message, String type, String reason) {
            super(message);
            this.status = status;
            this.type = type;
            this.reason = reason;
        }

        /** What the store said, such as {@code no such index [logs-*]}, or {@code ""}. */
        String reason() {
            return reason;
        }

        /** The HTTP status. */
        int status() {
            return status;
        }

        /** The store's error type, such as {@code index_not_found_exception}, or {@code ""}. */
        String type() {
            return type;
        }
    }

    private String unreachable(IOException e) {
        String url = settings.displayUrl();
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SSLException)) {
            cause = cause.getCause();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "cannot connect to the store at " + url + ": no answer within "
                    + io.weblog.window.Durations.format(settings.connectTimeout());
        }
        if (e instanceof HttpTimeoutException) {
            return "the store at " + url + " did not answer within " + io.weblog.window.Durations.format(
                    REQUEST_TIMEOUT);
        }
        if (cause instanceof SSLHandshakeException || cause instanceof SSLException) {
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (reason.contains("PKIX") || reason.contains("certification path")) {
                reason = "its certificate is not signed by an authority the JVM trusts"
                        + (settings.caFile() == null ? "; give the CA file that signed it" : " or the CA file "
                        + settings.caFile() + " holds");
            } else if (reason.contains("No subject alternative") || reason.contains("No name matching")) {
                reason = "its certificate is not for " + settings.url().getHost() + " (" + reason + ")";
            }
            return "cannot connect to the store at " + url + " over TLS: " + reason;
        }
        if (e instanceof ConnectException || cause instanceof ConnectException) {
            return "cannot connect to the store at " + url + ": connection refused (is it running, and on that "
                    + "port?)";
        }
        if (cause instanceof UnresolvedAddressException || cause instanceof java.net.UnknownHostException) {
            return "cannot connect to the store at " + url + ": unknown host " + settings.url().getHost();
        }
        String reason = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName() : cause.getMessage();
        if (reason.contains("HTTP/1.1 header parser received no bytes") || reason.contains("Connection reset")) {
            reason = "the connection was closed without an answer (an HTTPS port asked over http://?)";
        }
        return "cannot connect to the store at " + url + ": " + reason;
    }

    private String refusal(String method, String pathAndQuery, int status, byte[] body) {
        String url = settings.displayUrl();
        String reason = reason(body);
        return switch (status) {
            case 401 -> "the store at " + url + " refused the login " + settings.login().describe() + " (HTTP 401"
                    + (reason.isEmpty() ? "" : ": " + reason) + ")";
            case 403 -> "the store at " + url + " does not let " + settings.login().describe().replaceFirst(
                    "^(as |with )", "") + " " + action(pathAndQuery) + " (HTTP 403" + (reason.isEmpty() ? ""
                    : ": " + reason) + ")";
            default -> "the store at " + url + " refused " + method + " " + shortPath(pathAndQuery) + " (HTTP "
                    + status + (reason.isEmpty() ? "" : ": " + reason) + ")";
        };
    }

    private static String action(String pathAndQuery) {
        if (pathAndQuery.contains("_search") || pathAndQuery.contains("_pit")) {
            return "search " + shortPath(pathAndQuery);
        }
        return "read " + shortPath(pathAndQuery);
    }

    private static String shortPath(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        return java.net.URLDecoder.decode(question < 0 ? pathAndQuery : pathAndQuery.substring(0, question),
                StandardCharsets.UTF_8);
    }

    /**
     * The store's reason for an error: {@code error.root_cause[0].reason} (and the deepest {@code caused_by}) of an
     * OpenSearch or Elasticsearch error, else the first line of a text answer (a proxy's), else nothing.
     */
    static String reason(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            Object json = Json.parse(body);
            Object error = Json.at(json, "error");
            if (error instanceof String text) {
                return text;
            }
            List<?> causes = Json.arrayAt(error, "root_cause");
            String reason = causes.isEmpty() ? Json.text(error, "reason") : Json.text(causes.get(0), "reason");
            Object caused = Json.at(error, "caused_by");
            String deepest = null;
            while (caused instanceof Map<?, ?>) {
                deepest = Json.text(caused, "reason");
                caused = Json.at(caused, "caused_by");
            }
            if (deepest != null && reason != null && !reason.contains(deepest)) {
                reason = reason + ": " + deepest;
            }
            if (reason == null) {
                reason = Json.text(json, "message");
            }
            return reason == null ? "" : reason;
        } catch (IllegalArgumentException e) {
            String text = new String(body, StandardCharsets.UTF_8);
            java.util.regex.Matcher title = java.util.regex.Pattern.compile("(?is)<title>(.*?)</title>").matcher(text);
            if (title.find()) {
                return title.group(1).strip();
            }
            String line = text.strip().lines().findFirst().orElse("");
            return line.length() > 200 ? line.substring(0, 200) + "..." : line;
        }
    }

    private static String errorType(byte[] body) {
        try {
            Object json = Json.parse(body);
            List<?> causes = Json.arrayAt(json, "error", "root_cause");
            String type = causes.isEmpty() ? Json.text(json, "error", "type") : Json.text(causes.get(0), "type");
            return type == null ? "" : type;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Trusts what the JVM trusts and, besides, the certificate authorities in the settings' CA file. */
    private static SSLContext sslContext(StoreSettings settings) throws SourceException {
        try {
            List<Certificate> authorities = new ArrayList<>();
            try (InputStream in = Files.newInputStream(settings.caFile())) {
                authorities.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (authorities.isEmpty()) {
                throw new SourceException("the CA file " + settings.caFile() + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            X509TrustManager jvm = trustManager(null);
            X509TrustManager file = trustManager(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(jvm, file)}, null);
            return context;
        } catch (IOException e) {
            throw new SourceException("cannot read the CA file " + settings.caFile() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SourceException("the CA file " + settings.caFile() + " is not a PEM file of certificates: "
                    + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server whose chain either of two trust managers trusts. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                second.checkServerTrusted(chain, authType);
            } catch (CertificateException notByTheFile) {
                first.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }

    /**
     * Which store answers, from {@code GET /}: OpenSearch (its {@code version.distribution}) or Elasticsearch, and
     * its version, which decide the point-in-time API.
     *
     * @param product {@code OpenSearch} or {@code Elasticsearch}
     * @param version the version, such as {@code 3.8.0}
     * @param major its major version
     * @param minor its minor version
     */
    record StoreInfo(String product, String version, int major, int minor) {

        static StoreInfo of(Object root, String url) throws SourceException {
            String number = Json.text(root, "version", "number");
            if (number == null) {
                throw new SourceException(url + " answered, but not as OpenSearch or Elasticsearch do (no "
                        + "version.number in GET /): is it the URL of the store?");
            }
            String distribution = Json.text(root, "version", "distribution");
            String product = "opensearch".equalsIgnoreCase(distribution) ? "OpenSearch" : "Elasticsearch";
            String[] parts = number.split("[.-]");
            int major = parse(parts, 0);
            int minor = parse(parts, 1);
            return new StoreInfo(product, number, major, minor);
        }

        private static int parse(String[] parts, int index) {
            try {
                return index < parts.length ? Integer.parseInt(parts[index]) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** Whether this is OpenSearch. */
        boolean isOpenSearch() {
            return product.equals("OpenSearch");
        }

        /**
         * Whether the store has a point in time to read a window from consistently: OpenSearch from 2.4, Elasticsearch
         * from 7.10.
         */
        boolean hasPointInTime() {
            return isOpenSearch() ? major > 2 || major == 2 && minor >= 4 : major > 7 || major == 7 && minor >= 10;
        }

        /** {@code OpenSearch 3.8.0}. */
        String describe() {
            return product + " " + version;
        }

        @Override
        public String toString() {
            return describe().toLowerCase(Locale.ROOT);
        }
    }
}
