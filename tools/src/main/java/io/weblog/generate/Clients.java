package io.weblog.generate;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Who sends the requests: pools of browsers (IPv4 and IPv6), crawlers, API tools, scanners and health checkers, each
 * client with one address and one User-Agent, made once from the seed. A few clients of each pool make most of its
 * requests, as in real traffic.
 */
final class Clients {
    /** The share of browser and tool requests that arrive over IPv6. */
    static final double IPV6_SHARE = 0.17;

    /** One client: its address and User-Agent ({@code null} when it sends none). */
    record Client(byte[] address, byte[] agent) {
    }

    private static final int[] FIRST_OCTETS = {
        5, 24, 31, 37, 45, 46, 62, 68, 71, 73, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93,
        94, 95, 96, 97, 98, 99, 104, 107, 108, 109, 151, 173, 174, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217,
    };
    private static final String[] IPV6_PREFIXES = {
        "2001:db8:", "2a02:8108:", "2600:1700:", "2a01:cb00:", "2003:e5:", "2a00:23c6:", "2406:da14:",
    };

    static final byte[] HTTP_2 = Agents.bytes("HTTP/2.0");
    static final byte[] HTTP_11 = Agents.bytes("HTTP/1.1");
    static final byte[] HTTP_10 = Agents.bytes("HTTP/1.0");

    private final Client[] browsersV4;
    private final Client[] browsersV6;
    private final Weighted<Client[]> bots;
    private final Client[] toolsV4;
    private final Client[] toolsV6;
    private final Client[] scanners;
    private final Client[] monitors;

    Clients(Rng rng) {
        Weighted<byte[]> browserAgents = Weighted.of(Agents.BROWSERS, row -> Agents.bytes((String) row[1]));
        browsersV4 = pool(2400, () -> new Client(ipv4(rng), browserAgents.pick(rng)));
        browsersV6 = pool(500, () -> new Client(ipv6(rng), browserAgents.pick(rng)));
        bots = Weighted.of(Agents.BOTS, row -> pool(16, () -> new Client(
                Agents.bytes((String) row[1] + rng.between(1, 254)), Agents.bytes((String) row[2]))));
        Weighted<byte[]> toolAgents = Weighted.of(Agents.TOOLS, row -> Agents.bytes((String) row[1]));
        toolsV4 = pool(160, () -> new Client(ipv4(rng), toolAgents.pick(rng)));
        toolsV6 = pool(40, () -> new Client(ipv6(rng), toolAgents.pick(rng)));
        Weighted<byte[]> scannerAgents = Weighted.of(Agents.SCANNERS, row -> Agents.bytes((String) row[1]));
        scanners = pool(300, () -> new Client(ipv4(rng), scannerAgents.pick(rng)));
        monitors = new Client[] {
            new Client(Agents.bytes("10.0.1.12"), Agents.KUBE_PROBE),
            new Client(Agents.bytes("10.0.2.7"), Agents.KUBE_PROBE),
        };
    }

    /** A browser: most requests of a shop, over HTTP/2 a little more often than not. */
    void browser(Rng rng, Draft d) {
        Client[] pool = rng.chance(IPV6_SHARE) ? browsersV6 : browsersV4;
        fill(pool[rng.popular(pool.length)], rng.chance(0.55) ? HTTP_2 : HTTP_11, d);
    }

    /** A search engine's or SEO tool's crawler. */
    void bot(Rng rng, Draft d) {
        Client[] pool = bots.pick(rng);
        fill(pool[rng.nextInt(pool.length)], HTTP_11, d);
    }

    /** A script or integration calling the API. */
    void tool(Rng rng, Draft d) {
        Client[] pool = rng.chance(IPV6_SHARE) ? toolsV6 : toolsV4;
        fill(pool[rng.popular(pool.length)], rng.chance(0.15) ? HTTP_2 : HTTP_11, d);
    }

    /** A vulnerability scanner, sometimes speaking HTTP/1.0 and sending no User-Agent. */
    void scanner(Rng rng, Draft d) {
        fill(scanners[rng.nextInt(scanners.length)], rng.chance(0.2) ? HTTP_10 : HTTP_11, d);
    }

    /** The orchestrator's health check, on the plain-HTTP port. */
    void monitor(Rng rng, Draft d) {
        fill(monitors[rng.nextInt(monitors.length)], HTTP_11, d);
        d.port = 80;
    }

    private static void fill(Client client, byte[] protocol, Draft d) {
        d.client.append(client.address());
        if (client.agent() != null) {
            d.agent.append(client.agent());
        }
        d.protocol.append(protocol);
    }

    private static Client[] pool(int size, Supplier<Client> make) {
        Client[] pool = new Client[size];
        for (int i = 0; i < size; i++) {
            pool[i] = make.get();
        }
        return pool;
    }

    private static byte[] ipv4(Rng rng) {
        ByteBuf b = new ByteBuf(16);
        b.appendDecimal(FIRST_OCTETS[rng.nextInt(FIRST_OCTETS.length)]).append('.')
                .appendDecimal(rng.nextInt(256)).append('.')
                .appendDecimal(rng.nextInt(256)).append('.')
                .appendDecimal(rng.between(1, 254));
        return Arrays.copyOf(b.bytes, b.length);
    }

    /** A global unicast address in the compressed form servers log, such as {@code 2001:db8:4c1::1a2b}. */
    private static byte[] ipv6(Rng rng) {
        ByteBuf b = new ByteBuf(40);
        b.append(IPV6_PREFIXES[rng.nextInt(IPV6_PREFIXES.length)]);
        b.appendHex(rng.nextInt(0x10000)).append("::");
        int tail = rng.between(1, 3);
        for (int i = 0; i < tail; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.appendHex(rng.between(1, 0xffff));
        }
        return Arrays.copyOf(b.bytes, b.length);
    }
}
