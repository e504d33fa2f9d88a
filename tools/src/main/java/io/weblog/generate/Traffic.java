package io.weblog.generate;

import static io.weblog.generate.Agents.bytes;

import io.weblog.generate.LogGenerator.Anomaly;
import java.util.List;

/**
 * Decides what each request is: first the status, drawn from the mix a healthy shop shows, then a request that
 * plausibly got that status (a probe for a 404 without referrer, a stale link for one with, a conditional asset fetch
 * for a 304), the client that sent it, and what the server answered. Injected events and anomalies come first.
 */
final class Traffic {
    /** Status codes with their weight per 100,000 requests. */
    private static final Object[][] STATUS_MIX = {
        {85_000, 200}, {5_000, 304}, {1_500, 301}, {1_500, 302}, {4_000, 404}, {300, 403}, {250, 400}, {250, 401},
        {80, 408}, {100, 429}, {600, 201}, {1_000, 204}, {120, 206}, {120, 500}, {80, 502}, {70, 503}, {30, 504},
    };
    private static final Object[][] SERVER_ERRORS = {{40, 500}, {25, 502}, {25, 503}, {10, 504}};

    static final double TLS_SHARE = 0.0004;
    static final double RAW_UTF8_SHARE = 0.0006;
    static final double LONG_QUERY_SHARE = 0.0003;
    static final double TRUNCATED_SHARE = 0.0003;
    private static final long MAX_DURATION_MICROS = 2_500_000;

    private static final byte[] GET = bytes("GET");
    private static final byte[] POST = bytes("POST");
    private static final byte[] HEAD = bytes("HEAD");
    private static final byte[] PUT = bytes("PUT");
    private static final byte[] DELETE = bytes("DELETE");
    private static final byte[] OPTIONS = bytes("OPTIONS");
    private static final byte[] XML = bytes("application/xml");
    private static final byte[] MP4 = bytes("video/mp4");

    /** Lines of 5xx during a stretch of time. */
    record Burst(long fromNanos, long untilNanos, double share) {
    }

    /** Lines of 404 for a path linked from a page of the site. */
    record BrokenLink(byte[] path, byte[] referrerPath, double share) {
    }

    private final Rng rng;
    private final Clients clients;
    private final Catalogue site;
    private final boolean withAnomalies;
    private final Anomalies anomalies;
    private final boolean apacheStyle;
    private final boolean logsBareConnections;
    private final Burst[] bursts;
    private final BrokenLink[] brokenLinks;
    private final Weighted<Integer> statuses = Weighted.of(STATUS_MIX, row -> (Integer) row[1]);
    private final Weighted<Integer> serverErrors = Weighted.of(SERVER_ERRORS, row -> (Integer) row[1]);

    /**
     * @param style the log style, which decides what the server logs at all: Caddy does not log connections that
     *     never sent an HTTP request, and only Apache logs its own internal dummy connections
     */
    Traffic(Rng rng, Catalogue site, boolean anomalies, LogGenerator.Style style, List<Burst> bursts,
            List<BrokenLink> brokenLinks) {
        this.rng = rng;
        this.clients = new Clients(rng);
        this.site = site;
        this.withAnomalies = anomalies;
        this.anomalies = new Anomalies(rng, clients, site);
        this.apacheStyle = style != LogGenerator.Style.CADDY_JSON && style != LogGenerator.Style.NGINX_JSON;
        this.logsBareConnections = style != LogGenerator.Style.CADDY_JSON;
        this.bursts = bursts.toArray(new Burst[0]);
        this.brokenLinks = brokenLinks.toArray(new BrokenLink[0]);
    }

    /** Fills the draft with the request that completes at {@code nowNanos}. */
    void next(Draft d, long nowNanos) {
        d.clear();
        d.remotePort = rng.between(1024, 65535);
        if (injected(d, nowNanos)) {
            finish(d);
            return;
        }
        boolean truncate = false;
        if (withAnomalies) {
            double u = rng.nextDouble();
            if (u < TLS_SHARE) {
                if (logsBareConnections) {
                    anomalies.tlsHandshake(d);
                    finish(d);
                    return;
                }
            } else if ((u -= TLS_SHARE) < RAW_UTF8_SHARE) {
                anomalies.rawUtf8(d);
                finish(d);
                return;
            } else if ((u -= RAW_UTF8_SHARE) < LONG_QUERY_SHARE) {
                anomalies.longQuery(d);
                finish(d);
                return;
            } else if (u - LONG_QUERY_SHARE < TRUNCATED_SHARE) {
                truncate = true;
            }
        }
        int status = statuses.pick(rng);
        d.status = status;
        switch (status) {
            case 200 -> ok(d);
            case 304 -> notModified(d);
            case 301 -> movedPermanently(d);
            case 302 -> found(d);
            case 404 -> notFound(d);
            case 403 -> forbidden(d);
            case 400 -> badRequest(d);
            case 401 -> unauthorized(d);
            case 408 -> timedOut(d);
            case 429 -> tooManyRequests(d);
            case 201 -> created(d);
            case 204 -> noContent(d);
            case 206 -> partialContent(d);
            default -> serverError(d, status);
        }
        if (truncate) {
            d.anomaly = Anomaly.TRUNCATED;
        }
        finish(d);
    }

    private boolean injected(Draft d, long nowNanos) {
        for (BrokenLink link : brokenLinks) {
            if (rng.chance(link.share())) {
                clients.browser(rng, d);
                d.method.append(GET);
                d.target.append(link.path());
                d.referrer.append(site.origin()).append(link.referrerPath());
                notFoundBody(rng, d);
                return true;
            }
        }
        for (Burst burst : bursts) {
            if (nowNanos >= burst.fromNanos() && nowNanos < burst.untilNanos() && rng.chance(burst.share())) {
                serverError(d, serverErrors.pick(rng));
                return true;
            }
        }
        return false;
    }

    private void ok(Draft d) {
        int kind = rng.nextInt(1000);
        if (kind < 270) {
            clients.browser(rng, d);
            d.method.append(GET);
            site.page(rng, d.target);
            site.pageReferrer(rng, d.referrer);
            d.size = rng.skewed(4_000, 60_000);
        } else if (kind < 530) {
            clients.browser(rng, d);
            d.method.append(GET);
            d.size = site.asset(rng, d);
            if (rng.chance(0.85)) {
                site.internalReferrer(rng, d.referrer);
            }
        } else if (kind < 630) {
            clients.browser(rng, d);
            int verb = rng.nextInt(100);
            if (verb < 90) {
                d.method.append(GET);
                site.apiGet(rng, d.target);
            } else if (verb < 96) {
                d.method.append(PUT);
                d.target.append("/api/v1/cart/items/").appendDecimal(rng.between(1, 9));
                d.bytesRead = rng.between(40, 200);
            } else {
                d.method.append(POST);
                d.target.append("/api/v1/cart");
                d.bytesRead = rng.between(40, 400);
            }
            site.internalReferrer(rng, d.referrer);
            json(d, 150, 9_000);
        } else if (kind < 760) {
            clients.tool(rng, d);
            d.method.append(GET);
            site.apiGet(rng, d.target);
            json(d, 150, 20_000);
        } else if (kind < 830) {
            clients.monitor(rng, d);
            d.method.append(GET);
            d.target.append("/health");
            d.contentType = Catalogue.JSON;
            d.size = 15;
        } else if (kind < 945) {
            clients.bot(rng, d);
            d.method.append(GET);
            site.page(rng, d.target);
            d.size = rng.skewed(4_000, 60_000);
        } else if (kind < 960) {
            clients.browser(rng, d);
            d.method.append(POST);
            d.target.append(rng.chance(0.7) ? "/cart/add" : "/newsletter/subscribe");
            d.bytesRead = rng.between(30, 300);
            site.internalReferrer(rng, d.referrer);
            d.size = rng.skewed(2_000, 30_000);
        } else if (kind < 970) {
            if (rng.chance(0.5)) {
                clients.tool(rng, d);
            } else {
                clients.monitor(rng, d);
            }
            d.method.append(HEAD);
            d.target.append('/');
        } else if (kind < 975) {
            clients.browser(rng, d);
            d.user.append(rng.chance(0.7) ? "alice" : "b.meyer");
            d.method.append(GET);
            d.target.append("/admin/orders?status=open&page=").appendDecimal(rng.between(1, 5));
            d.referrer.append(site.origin()).append("/admin/");
            d.size = rng.skewed(8_000, 80_000);
        } else if (kind < 995 || !apacheStyle) {
            if (rng.chance(0.5)) {
                clients.bot(rng, d);
            } else {
                clients.tool(rng, d);
            }
            d.method.append(GET);
            int which = rng.nextInt(3);
            d.target.append(which == 0 ? "/robots.txt" : which == 1 ? "/sitemap.xml" : "/feed.xml");
            d.contentType = which == 0 ? Catalogue.TEXT : XML;
            d.size = which == 0 ? 312 : rng.between(20_000, 90_000);
        } else {
            d.client.append("::1");
            d.agent.append(Agents.APACHE_DUMMY);
            d.method.append(OPTIONS);
            d.target.append('*');
            d.protocol.append(Clients.HTTP_10);
            d.size = 126;
            d.port = 80;
        }
    }

    private void notModified(Draft d) {
        int kind = rng.nextInt(100);
        d.method.append(GET);
        if (kind < 75) {
            clients.browser(rng, d);
            site.asset(rng, d);
            site.internalReferrer(rng, d.referrer);
        } else if (kind < 95) {
            clients.browser(rng, d);
            site.page(rng, d.target);
            site.pageReferrer(rng, d.referrer);
        } else {
            clients.bot(rng, d);
            site.page(rng, d.target);
        }
        d.size = 0;
    }

    private void movedPermanently(Draft d) {
        if (rng.chance(0.6)) {
            clients.browser(rng, d);
            if (rng.chance(0.5)) {
                site.externalReferrer(rng, d.referrer);
            }
        } else {
            clients.bot(rng, d);
        }
        d.method.append(GET);
        int kind = rng.nextInt(10);
        if (kind < 5) {
            site.product(rng, d.target);
            d.target.append('/');
        } else if (kind < 8) {
            site.page(rng, d.target);
            d.port = 80;
        } else {
            d.target.append("/shop/").append(rng.chance(0.5) ? "shoes" : "bags").append(".html");
        }
        d.size = rng.between(228, 262);
    }

    private void found(Draft d) {
        clients.browser(rng, d);
        int kind = rng.nextInt(100);
        if (kind < 40) {
            d.method.append(GET);
            d.target.append("/account");
            site.internalReferrer(rng, d.referrer);
        } else if (kind < 75) {
            d.method.append(POST);
            d.target.append("/login");
            d.referrer.append(site.origin()).append("/login");
            d.bytesRead = rng.between(60, 160);
        } else if (kind < 85) {
            d.method.append(GET);
            d.target.append("/logout");
            d.referrer.append(site.origin()).append("/account/orders");
        } else {
            d.method.append(GET);
            d.target.append("/cart/checkout");
            d.referrer.append(site.origin()).append("/cart");
        }
        d.size = rng.chance(0.5) ? 0 : rng.between(220, 260);
    }

    private void notFound(Draft d) {
        int kind = rng.nextInt(100);
        d.method.append(kind >= 75 && kind < 90 && rng.chance(0.2) ? POST : GET);
        if (kind < 50) {
            clients.browser(rng, d);
            site.internalReferrer(rng, d.referrer);
            int what = rng.nextInt(4);
            switch (what) {
                case 0 -> d.target.append("/products/").appendDecimal(90_000 + rng.nextInt(10_000));
                case 1 -> d.target.append("/static/app.1b7e.js");
                case 2 -> d.target.append("/images/products/").appendDecimal(1000 + rng.popular(9000))
                        .append("-1200.webp");
                default -> d.target.append("/blog/spring-sale-2023");
            }
        } else if (kind < 75) {
            if (rng.chance(0.7)) {
                clients.browser(rng, d);
            } else {
                clients.bot(rng, d);
            }
            site.externalReferrer(rng, d.referrer);
            d.target.append(site.gone(rng));
        } else if (kind < 90) {
            clients.scanner(rng, d);
            d.target.append(site.probe(rng));
        } else if (kind < 96) {
            clients.bot(rng, d);
            d.target.append(site.gone(rng));
        } else {
            clients.browser(rng, d);
            d.target.append("/apple-touch-icon.png");
        }
        notFoundBody(rng, d);
    }

    /** Makes the response a 404: the site's own error page for pages, the server's short one otherwise. */
    static void notFoundBody(Rng rng, Draft d) {
        d.status = 404;
        d.size = d.contentType == Catalogue.HTML && rng.chance(0.6) ? rng.between(5_800, 6_400) : 196;
    }

    private void forbidden(Draft d) {
        d.method.append(GET);
        if (rng.chance(0.7)) {
            clients.scanner(rng, d);
            d.target.append(site.forbidden(rng));
        } else {
            clients.browser(rng, d);
            d.target.append("/admin/");
            site.internalReferrer(rng, d.referrer);
        }
        d.size = 199;
    }

    private void badRequest(Draft d) {
        int kind = rng.nextInt(10);
        if (kind < 6) {
            clients.tool(rng, d);
            d.method.append(POST);
            d.target.append("/api/v1/orders");
            d.bytesRead = rng.between(20, 3000);
            json(d, 60, 200);
        } else if (kind < 8) {
            clients.browser(rng, d);
            d.method.append(GET);
            d.target.append("/search?q=100%");
            d.size = 226;
        } else {
            clients.scanner(rng, d);
            d.method.append(GET);
            d.target.append("/cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh");
            d.size = 226;
        }
    }

    private void unauthorized(Draft d) {
        d.method.append(GET);
        if (rng.chance(0.6)) {
            clients.tool(rng, d);
            d.target.append("/api/v1/orders?page=1");
            json(d, 50, 70);
        } else {
            clients.browser(rng, d);
            int who = rng.nextInt(3);
            d.user.append(who == 0 ? "admin" : who == 1 ? "root" : "test");
            d.target.append("/admin/");
            d.size = 381;
        }
    }

    private void timedOut(Draft d) {
        if (withAnomalies && logsBareConnections) {
            anomalies.emptyRequest(d);
            return;
        }
        clients.tool(rng, d);
        d.method.append(POST);
        d.target.append("/api/v1/uploads");
        d.bytesRead = rng.between(10_000, 900_000);
        d.size = 0;
    }

    private void tooManyRequests(Draft d) {
        clients.tool(rng, d);
        d.method.append(GET);
        d.target.append("/api/v1/search?limit=100&q=").appendDecimal(rng.nextInt(1000));
        json(d, 60, 60);
    }

    private void created(Draft d) {
        int kind = rng.nextInt(10);
        d.method.append(POST);
        if (kind < 5) {
            clients.browser(rng, d);
            d.target.append("/api/v1/cart/items");
            site.internalReferrer(rng, d.referrer);
        } else if (kind < 8) {
            clients.browser(rng, d);
            d.target.append("/api/v1/orders");
            d.referrer.append(site.origin()).append("/checkout");
        } else {
            clients.tool(rng, d);
            d.target.append("/api/v1/orders");
        }
        d.bytesRead = rng.between(100, 2_000);
        json(d, 300, 900);
    }

    private void noContent(Draft d) {
        clients.browser(rng, d);
        int kind = rng.nextInt(100);
        if (kind < 40) {
            d.method.append(OPTIONS);
            site.apiGet(rng, d.target);
        } else if (kind < 85) {
            d.method.append(POST);
            d.target.append("/api/v1/events");
            d.bytesRead = rng.between(200, 1_500);
        } else {
            d.method.append(DELETE);
            d.target.append("/api/v1/cart/items/").appendDecimal(rng.between(1, 9));
        }
        site.internalReferrer(rng, d.referrer);
        d.size = 0;
    }

    private void partialContent(Draft d) {
        clients.browser(rng, d);
        d.method.append(GET);
        d.target.append("/media/product-video-").appendDecimal(rng.between(1, 12)).append(".mp4");
        site.internalReferrer(rng, d.referrer);
        d.contentType = MP4;
        d.size = rng.chance(0.5) ? 1_048_576 : rng.between(2, 1_048_576);
    }

    private void serverError(Draft d, int status) {
        d.status = status;
        int kind = rng.nextInt(10);
        if (kind < 4) {
            clients.browser(rng, d);
            d.method.append(POST);
            d.target.append(rng.chance(0.6) ? "/api/v1/orders" : "/checkout");
            d.referrer.append(site.origin()).append("/checkout");
            d.bytesRead = rng.between(100, 2_000);
        } else if (kind < 7) {
            clients.browser(rng, d);
            d.method.append(GET);
            site.page(rng, d.target);
            site.pageReferrer(rng, d.referrer);
        } else {
            clients.tool(rng, d);
            d.method.append(GET);
            site.apiGet(rng, d.target);
        }
        d.size = switch (status) {
            case 500 -> 527;
            case 502 -> 341;
            case 503 -> 299;
            default -> 247;
        };
    }

    private void json(Draft d, int low, int high) {
        d.contentType = Catalogue.JSON;
        d.size = rng.skewed(low, high);
    }

    /** How long the server took: fast for assets and redirects, slower for pages and the API, a rare slow tail. */
    private void finish(Draft d) {
        long micros;
        int status = d.status;
        if (status == 504) {
            micros = rng.between(2_000_000, 2_400_000);
        } else if (status >= 500) {
            micros = status == 500 ? rng.skewed(20_000, 900_000) : rng.skewed(100, 60_000);
        } else if (status != 200 && status != 201 && status != 206) {
            micros = rng.skewed(100, 5_000);
        } else if (d.size <= 100) {
            micros = rng.skewed(100, 3_000);
        } else if (d.contentType == Catalogue.HTML) {
            micros = rng.skewed(8_000, 400_000);
        } else if (d.contentType == Catalogue.JSON) {
            micros = rng.skewed(5_000, 600_000);
        } else {
            micros = rng.skewed(200, 8_000);
        }
        if (rng.chance(0.002)) {
            micros = rng.between(1_000_000, (int) MAX_DURATION_MICROS);
        }
        d.durationMicros = Math.min(micros, MAX_DURATION_MICROS);
    }
}
