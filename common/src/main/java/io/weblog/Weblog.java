package io.weblog;

import io.weblog.check.CheckListener;
import io.weblog.check.CheckRunner;
import io.weblog.check.Probe;
import io.weblog.check.Verdict;
import io.weblog.source.SourceException;
import io.weblog.source.SourceResources;
import io.weblog.source.SourceSpec;
import java.util.ArrayList;
import java.util.List;

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
 * <p>{@link #probe} looks at the sources of a configuration without reading them, to test it.
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

    /**
     * Looks at every source of a configuration without reading it, one after the other: connects and logs in to each
     * remote host, checking its host key as a check would, and finds the log and its size; finds a local file. For a
     * person testing a configuration (Jenkins' "Test connection"); the rules and the window play no part.
     *
     * @return one finding per source, in the order configured; a source that cannot be read is a finding, not an
     *     exception
     * @throws InterruptedException when the calling thread is interrupted
     */
    public static List<Probe> probe(CheckConfig config) throws InterruptedException {
        List<Probe> probes = new ArrayList<>();
        try (SourceResources resources = new SourceResources()) {
            for (SourceSpec source : config.sources()) {
                List<String> warnings = new ArrayList<>();
                try {
                    probes.add(new Probe(source.displayName(), true, source.probe(resources, warnings::add),
                            warnings));
                } catch (SourceException e) {
                    probes.add(new Probe(source.displayName(), false, e.getMessage(), warnings));
                }
            }
        }
        return probes;
    }
}
