package io.weblog.generate;

import static io.weblog.generate.Agents.bytes;

/**
 * The shop the generated traffic visits: its pages, assets and API, written as clients request them (already
 * percent-encoded where browsers encode), with plausible response sizes and content types.
 */
final class Catalogue {
    static final byte[] HTML = bytes("text/html; charset=utf-8");
    static final byte[] JSON = bytes("application/json");
    static final byte[] TEXT = bytes("text/plain; charset=utf-8");
    static final byte[] JS = bytes("application/javascript");

    private static final String[] CATEGORIES = {
        "shoes", "jackets", "bags", "accessories", "kids", "sale", "new-arrivals", "outdoor", "home-living",
        "gift-cards",
    };
    private static final String[] SORTS = {"price_asc", "price_desc", "newest", "popular"};
    private static final String[] SEARCHES = {
        "running+shoes", "red%20dress", "caf%C3%A9+mug", "gift+card", "winter+jacket", "backpack", "sneakers+size+42",
        "%E2%82%AC20+gift", "rain+boots", "leather+wallet", "socks", "yoga+mat", "sunglasses", "linen+shirt",
    };
    private static final String[] SLUGS = {
        "how-to-choose-running-shoes", "autumn-lookbook-2024", "caring-for-leather", "our-sustainability-report",
        "packing-list-weekend-trip", "sizes-explained",
    };
    private static final String[] PLAIN_PAGES = {
        "/about", "/contact", "/shipping", "/returns", "/faq", "/stores", "/privacy", "/login", "/account/orders",
    };
    /** Assets with a fixed size each, as the same file always has the same length. */
    private static final Object[][] ASSETS = {
        {18, "/static/app.3f2a.js", 184_233L, JS},
        {14, "/static/vendor.91bc.js", 412_876L, JS},
        {16, "/static/css/main.8c1d.css", 48_211L, bytes("text/css")},
        {6, "/static/fonts/inter-var.woff2", 97_868L, bytes("font/woff2")},
        {8, "/images/logo.svg", 3_412L, bytes("image/svg+xml")},
        {6, "/favicon.ico", 15_086L, bytes("image/vnd.microsoft.icon")},
        {4, "/static/img/hero-autumn.avif", 88_412L, bytes("image/avif")},
        {2, "/manifest.webmanifest", 512L, bytes("application/manifest+json")},
    };
    static final byte[] WEBP = bytes("image/webp");
    private static final String[] API_GETS = {
        "/api/v1/products/", "/api/v1/orders?page=", "/api/v1/cart", "/api/v1/search?limit=20&q=",
        "/api/v1/recommendations?product=", "/api/v1/session", "/api/v1/stock?sku=",
    };
    private static final String[] EXTERNAL_REFERRERS = {
        "https://www.google.com/", "https://www.google.com/", "https://www.google.com/", "https://www.google.de/",
        "https://www.bing.com/", "https://duckduckgo.com/", "https://t.co/Xk2pQv9LmZ", "https://www.facebook.com/",
        "https://l.instagram.com/", "android-app://com.google.android.gm/",
        "https://news.ycombinator.com/item?id=41785420",
        "https://www.reddit.com/r/BuyItForLife/comments/1g0x7kq/best_everyday_backpack/",
        "https://old-partner.example.net/deals/autumn-2023?ref=shop",
        "https://www.pinterest.com/", "https://search.brave.com/",
    };
    /** Pages that no longer exist but are still linked to from outside, and guesses of crawlers. */
    private static final String[] GONE = {
        "/promo/summer-2023", "/products/old-collection", "/blog/black-friday-2022", "/shop/index.php",
        "/products/1123/reviews/all", "/en/home", "/apple-touch-icon.png", "/apple-touch-icon-precomposed.png",
        "/.well-known/traffic-advice", "/ads.txt",
    };
    private static final String[] PROBES = {
        "/wp-login.php", "/xmlrpc.php", "/.env", "/wp-admin/setup-config.php", "/wp-content/plugins/wp-file-manager/"
                + "readme.txt", "/phpmyadmin/index.php", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
        "/cgi-bin/luci/;stok=/locale", "/actuator/env", "/boaform/admin/formLogin", "/.aws/credentials",
        "/config.json", "/admin/.env", "/owa/auth/logon.aspx", "/HNAP1/", "/solr/admin/info/system?wt=json",
    };
    private static final String[] FORBIDDEN = {"/.git/config", "/server-status", "/.htaccess", "/admin/", "/.DS_Store"};
    /** Paths with raw UTF-8, as some clients send them unencoded. */
    private static final String[] RAW_UTF8 = {
        "/category/été", "/search?q=café", "/produits/chaussures-légères", "/städte/münchen", "/商品/1234",
        "/search?q=crème+brûlée", "/category/señora",
    };

    private record Asset(byte[] path, long size, byte[] contentType) {
    }

    private final byte[] origin;
    private final Weighted<Asset> assets = Weighted.of(ASSETS,
            row -> new Asset(bytes((String) row[1]), (Long) row[2], (byte[]) row[3]));
    private final byte[][] categories = all(CATEGORIES);
    private final byte[][] sorts = all(SORTS);
    private final byte[][] searches = all(SEARCHES);
    private final byte[][] slugs = all(SLUGS);
    private final byte[][] plainPages = all(PLAIN_PAGES);
    private final byte[][] apiGets = all(API_GETS);
    private final byte[][] externalReferrers = all(EXTERNAL_REFERRERS);
    private final byte[][] gone = all(GONE);
    private final byte[][] probes = all(PROBES);
    private final byte[][] forbidden = all(FORBIDDEN);
    private final byte[][] rawUtf8 = all(RAW_UTF8);

    Catalogue(String site) {
        this.origin = bytes("https://" + site);
    }

    /** A page a browser shows: the home page, products, categories, searches, the cart. */
    void page(Rng rng, ByteBuf out) {
        int kind = rng.nextInt(100);
        if (kind < 12) {
            out.append('/');
        } else if (kind < 47) {
            product(rng, out);
        } else if (kind < 62) {
            out.append(P_CATEGORY).append(rng.pick(categories));
            if (rng.chance(0.3)) {
                out.append(P_PAGE).appendDecimal(rng.between(2, 12));
                if (rng.chance(0.4)) {
                    out.append(P_SORT).append(rng.pick(sorts));
                }
            }
        } else if (kind < 70) {
            out.append(P_SEARCH).append(rng.pick(searches));
        } else if (kind < 77) {
            out.append(P_CART);
        } else if (kind < 79) {
            out.append(P_CHECKOUT);
        } else if (kind < 84) {
            out.append(P_BLOG).append(rng.pick(slugs));
        } else if (kind < 87) {
            product(rng, out);
            out.append(P_REVIEWS).appendDecimal(rng.between(2, 6));
        } else {
            out.append(rng.pick(plainPages));
        }
    }

    void product(Rng rng, ByteBuf out) {
        out.append(P_PRODUCTS).appendDecimal(1000 + rng.popular(9000));
    }

    /** A static asset; returns its size and sets its content type on the draft. */
    long asset(Rng rng, Draft d) {
        if (rng.chance(0.3)) {
            int id = 1000 + rng.popular(9000);
            int width = rng.chance(0.7) ? 400 : 800;
            d.target.append(P_IMAGES).appendDecimal(id).append('-').appendDecimal(width).append(P_WEBP);
            d.contentType = WEBP;
            return (id * 7919L % 40_000 + 4_000) * width / 400;
        }
        Asset asset = assets.pick(rng);
        d.target.append(asset.path());
        d.contentType = asset.contentType();
        return asset.size();
    }

    /** An API resource read by the shop's front end or by integrations. */
    void apiGet(Rng rng, ByteBuf out) {
        int which = rng.nextInt(apiGets.length);
        out.append(apiGets[which]);
        switch (which) {
            case 0, 4 -> out.appendDecimal(1000 + rng.popular(9000));
            case 1 -> out.appendDecimal(rng.between(1, 40));
            case 3 -> out.append(rng.pick(searches));
            case 6 -> out.appendDecimal(1000 + rng.popular(9000)).append('-').appendDecimal(rng.between(36, 46));
            default -> {
            }
        }
    }

    void internalReferrer(Rng rng, ByteBuf out) {
        out.append(origin);
        page(rng, out);
    }

    void externalReferrer(Rng rng, ByteBuf out) {
        out.append(rng.pick(externalReferrers));
    }

    /** Where a page view came from: mostly the shop itself or a search engine, often nowhere. */
    void pageReferrer(Rng rng, ByteBuf out) {
        int kind = rng.nextInt(100);
        if (kind < 33) {
            internalReferrer(rng, out);
        } else if (kind < 57) {
            externalReferrer(rng, out);
        }
    }

    byte[] origin() {
        return origin;
    }

    byte[] gone(Rng rng) {
        return rng.pick(gone);
    }

    byte[] probe(Rng rng) {
        return rng.pick(probes);
    }

    byte[] forbidden(Rng rng) {
        return rng.pick(forbidden);
    }

    byte[] rawUtf8(Rng rng) {
        return rng.pick(rawUtf8);
    }

    private static byte[][] all(String[] values) {
        byte[][] result = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            result[i] = bytes(values[i]);
        }
        return result;
    }

    private static final byte[] P_CATEGORY = bytes("/category/");
    private static final byte[] P_PAGE = bytes("?page=");
    private static final byte[] P_SORT = bytes("&sort=");
    private static final byte[] P_SEARCH = bytes("/search?q=");
    private static final byte[] P_CART = bytes("/cart");
    private static final byte[] P_CHECKOUT = bytes("/checkout");
    private static final byte[] P_BLOG = bytes("/blog/");
    private static final byte[] P_REVIEWS = bytes("/reviews?page=");
    private static final byte[] P_PRODUCTS = bytes("/products/");
    private static final byte[] P_IMAGES = bytes("/images/products/");
    private static final byte[] P_WEBP = bytes(".webp");
}
