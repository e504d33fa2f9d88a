package io.weblog.generate;

import java.nio.charset.StandardCharsets;

/**
 * User-Agent headers as real clients send them, raw (unescaped), grouped by who sends them, with the share each has
 * among its group. The odd ones (a quote, a backslash, UTF-8, a tab) are what exercises a parser's unescaping.
 */
final class Agents {
    static final String CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/%s.0.0.0 Safari/537.36";

    /** Browsers, each with a weight. */
    static final Object[][] BROWSERS = {
        {30, CHROME_WIN.formatted("129")},
        {8, CHROME_WIN.formatted("128")},
        {10, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/129.0.0.0 Safari/537.36"},
        {13, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.6 Mobile/15E148 Safari/604.1"},
        {3, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/18.0 Mobile/15E148 Safari/604.1"},
        {19, "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 "
                + "Mobile Safari/537.36"},
        {8, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0"},
        {2, "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"},
        {5, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 "
                + "Safari/537.36 Edg/129.0.0.0"},
        {5, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.6 Safari/605.1.15"},
        {2, "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36"},
        {2, "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.6 Mobile/15E148 Safari/604.1"},
        {0.5, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Mobile/15E148 Instagram 350.0.0.32.109 (iPhone14,5; iOS 17_6; de_DE; de; scale=3.00; "
                + "1170x2532; 642437223)"},
        {0.2, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \"Chrome\"/129.0 "
                + "Safari/537.36"},
        {0.2, "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; C:\\Program Files\\Toolbar\\)"},
        {0.2, "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/129.0.0.0 Safari/537.36 "
                + "(build \\\"nightly\\\")"},
        {0.1, "Mozilla/5.0 (Linux; U; Android 12; zh-CN; 小米 12 Build/SKQ1.211006.001) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 Mobile Safari/537.36"},
        {0.1, "Mozilla/5.0 (Windows NT 10.0;\tWin64; x64) Gecko/20100101 Firefox/128.0"},
    };

    /** Crawlers, with the address prefix each crawls from and a weight. */
    static final Object[][] BOTS = {
        {40, "66.249.66.", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {25, "66.249.68.", "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
                + "Gecko) Chrome/129.0.6668.89 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
                + "+http://www.google.com/bot.html)"},
        {15, "40.77.167.", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"},
        {8, "54.36.148.", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"},
        {5, "85.208.96.", "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)"},
        {4, "5.255.231.", "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"},
        {2, "20.171.207.", "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; "
                + "+https://openai.com/gptbot)"},
        {1, "69.171.250.", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"},
    };

    /** Command-line tools and HTTP libraries, which call the API. */
    static final Object[][] TOOLS = {
        {20, "curl/8.5.0"}, {8, "curl/7.81.0"}, {20, "python-requests/2.32.3"}, {10, "Go-http-client/1.1"},
        {10, "okhttp/4.12.0"}, {6, "axios/1.7.7"}, {5, "Apache-HttpClient/4.5.14 (Java/17.0.12)"},
        {4, "PostmanRuntime/7.42.0"}, {3, "Wget/1.21.4"}, {2, "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)"},
    };

    /** Vulnerability scanners and probes; {@code null} sends no User-Agent at all. */
    static final Object[][] SCANNERS = {
        {30, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.129 "
                + "Safari/537.36"},
        {15, null}, {15, "Mozilla/5.0 zgrab/0.x"}, {10, "python-requests/2.31.0"},
        {10, "Mozilla/5.0 (l9explore/1.2.2)"}, {10, "Mozilla/5.0 (compatible; CensysInspect/1.1; "
                + "+https://about.censys.io/)"}, {5, "Go-http-client/1.1"}, {5, "masscan/1.3 (https://github.com/robertdavidgraham/masscan)"},
    };

    static final byte[] KUBE_PROBE = bytes("kube-probe/1.30");
    static final byte[] APACHE_DUMMY = bytes("Apache/2.4.62 (Debian) (internal dummy connection)");

    private Agents() {
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
