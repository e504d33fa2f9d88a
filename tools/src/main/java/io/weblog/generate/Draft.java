package io.weblog.generate;

/**
 * The request being generated, as raw (unescaped) bytes: what the client sent and the server answered, before any
 * log format writes it out in its own way. One instance is reused for every line.
 */
final class Draft {
    final ByteBuf client = new ByteBuf(64);
    /** Empty when no user authenticated. */
    final ByteBuf user = new ByteBuf(16);
    final ByteBuf method = new ByteBuf(8);
    final ByteBuf target = new ByteBuf(256);
    /** Empty for the first line of a TLS handshake or a connection that sent nothing. */
    final ByteBuf protocol = new ByteBuf(16);
    /** Empty when the client sent no Referer. */
    final ByteBuf referrer = new ByteBuf(256);
    /** Empty when the client sent no User-Agent. */
    final ByteBuf agent = new ByteBuf(256);
    /**
     * When not {@code null}, the request line is these bytes and not method, target and protocol: handshake bytes, or
     * nothing at all (length 0) for a connection that timed out before sending a request.
     */
    byte[] rawRequest;
    int status;
    /** Bytes of the response body; 0 logs as {@code -} in Apache's {@code %b}. */
    long size;
    long bytesRead;
    long durationMicros;
    int port;
    int remotePort;
    byte[] contentType;
    LogGenerator.Anomaly anomaly;

    void clear() {
        client.clear();
        user.clear();
        method.clear();
        target.clear();
        protocol.clear();
        referrer.clear();
        agent.clear();
        rawRequest = null;
        status = 200;
        size = 0;
        bytesRead = 0;
        durationMicros = 0;
        port = 443;
        contentType = Catalogue.HTML;
        anomaly = LogGenerator.Anomaly.NONE;
    }
}
