package io.weblog;

import io.weblog.check.CheckListener;
import io.weblog.check.CheckRunner;
import io.weblog.check.Verdict;

/**
 * The engine's one entry point: run a check and get its verdict.
 *
 * <pre>{@code
 * CheckConfig config = CheckConfig.builder()
 *         .file("/var/log/nginx/access.log")
 *         .since("30m")
 *         .rule("broken-links: status=404 referrer^=https://shop.example.com/ max=0")
 *         .rule("status=5xx max=0.5%")
 *         .build();                                  // ConfigException: bad settings, before anything is read
 * Verdict verdict = Weblog.verify(config, event -> log(event));
 * switch (verdict.outcome()) { case PASSED -> ...; case FAILED -> ...; case ERROR -> ...; }
 * Reports.write(verdict, config.reports());          // the JSON, JUnit XML and HTML reports asked for
 * }</pre>
 *
 * <p>The engine reports facts and decides nothing for its caller: it never prints, never exits and keeps no state
 * between checks. Each front door maps the {@link io.weblog.check.Outcome} onto its own world (an exit code, BUILD
 * FAILURE or BUILD ERROR, a Jenkins result) and prints the {@link io.weblog.check.CheckEvent}s its own way.
 */
public final class Weblog {

    private Weblog() {
    }

    /**
     * Runs a check.
     *
     * @param config what to check
     * @param listener receives the events of the check as it runs; calls are serialised
     * @return the verdict; a source that could not be read makes the outcome ERROR rather than throwing
     * @throws InterruptedException when the calling thread is interrupted (a build was aborted); reading stops
     */
    public static Verdict verify(CheckConfig config, CheckListener listener) throws InterruptedException {
        return new CheckRunner(config, listener == null ? CheckListener.NONE : listener).run();
    }
}
