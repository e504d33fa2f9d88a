package io.weblog.generate;

import static io.weblog.generate.Agents.bytes;

import io.weblog.generate.LogGenerator.Anomaly;

/**
 * The rare oddities of real logs, one request each: handshake bytes sent to a plain-HTTP port, a connection that
 * never sent a request, raw UTF-8 in a path, a query string of many kilobytes.
 */
final class Anomalies {
    private static final byte[][] TLS_HELLOS = {
        {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03},
        {0x16, 0x03, 0x01, 0x00, (byte) 0xf1, 0x01, 0x00, 0x00, (byte) 0xed, 0x03, 0x03},
    };
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] GET = bytes("GET");
    private static final byte[] BASE64URL =
            bytes("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private final Rng rng;
    private final Clients clients;
    private final Catalogue site;

    Anomalies(Rng rng, Clients clients, Catalogue site) {
        this.rng = rng;
        this.clients = clients;
        this.site = site;
    }

    /** A TLS ClientHello sent to the plain-HTTP port: its first bytes become the request line, answered with 400. */
    void tlsHandshake(Draft d) {
        d.anomaly = Anomaly.TLS_HANDSHAKE;
        clients.scanner(rng, d);
        d.agent.clear();
        d.protocol.clear();
        d.rawRequest = TLS_HELLOS[rng.nextInt(TLS_HELLOS.length)];
        d.status = 400;
        d.size = 226;
        d.port = 80;
    }

    /** A connection that timed out before sending anything: Apache logs the request line as {@code -} with 408. */
    void emptyRequest(Draft d) {
        d.anomaly = Anomaly.EMPTY_REQUEST;
        if (rng.chance(0.5)) {
            clients.scanner(rng, d);
        } else {
            clients.browser(rng, d);
        }
        d.agent.clear();
        d.protocol.clear();
        d.rawRequest = EMPTY;
        d.size = 0;
    }

    /** A path or query with raw UTF-8, as some clients send it unencoded. */
    void rawUtf8(Draft d) {
        d.anomaly = Anomaly.RAW_UTF8;
        if (rng.chance(0.7)) {
            clients.browser(rng, d);
        } else {
            clients.bot(rng, d);
        }
        d.method.append(GET);
        d.target.append(site.rawUtf8(rng));
        if (rng.chance(0.5)) {
            site.internalReferrer(rng, d.referrer);
        }
        if (rng.chance(0.6)) {
            d.size = rng.skewed(4_000, 60_000);
        } else {
            Traffic.notFoundBody(rng, d);
        }
    }

    /** A query string of 4 to 20 KB: a search with many filters, or tracking data in a URL. */
    void longQuery(Draft d) {
        d.anomaly = Anomaly.LONG_QUERY;
        int length = rng.between(4_096, 20_480);
        d.method.append(GET);
        if (rng.chance(0.5)) {
            clients.browser(rng, d);
            d.target.append("/search?q=shoes&filters=");
            site.internalReferrer(rng, d.referrer);
            d.size = rng.skewed(4_000, 60_000);
        } else {
            clients.tool(rng, d);
            d.target.append("/api/v1/events?payload=");
            d.contentType = Catalogue.JSON;
            d.size = rng.skewed(20, 40);
        }
        ByteBuf target = d.target;
        target.ensure(length);
        byte[] out = target.bytes;
        int at = target.length;
        long bits = 0;
        for (int i = 0; i < length; i++) {
            if (i % 10 == 0) {
                bits = rng.nextLong();
            }
            out[at++] = BASE64URL[(int) (bits & 63)];
            bits >>>= 6;
        }
        target.length = at;
    }
}
