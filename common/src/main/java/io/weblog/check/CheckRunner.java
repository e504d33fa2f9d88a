package io.weblog.check;

import io.weblog.CheckConfig;
import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import io.weblog.format.Hit;
import io.weblog.source.SourceResources;
import io.weblog.source.SourceSpec;
import io.weblog.window.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a check: reads every source (several at once, up to the configured parallelism, each on its own thread so
 * that a slow one holds up no other), judges each, and puts the verdicts together. When a followed source fails
 * fast, the check's outcome is known and the other sources stop too.
 */
public final class CheckRunner {
    private final CheckConfig config;
    private final CheckListener listener;

    /**
     * @param config the check
     * @param listener where events go; calls to it are serialised
     */
    public CheckRunner(CheckConfig config, CheckListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * Runs the check and returns its verdict.
     *
     * @throws InterruptedException when the calling thread is interrupted; the sources are stopped first
     */
    public Verdict run() throws InterruptedException {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        Window.Resolved window = config.window().resolve(started);
        CheckListener events = serialised(listener);
        AtomicBoolean cancelled = new AtomicBoolean();
        SourceVerdict[] verdicts;
        SourceRun[] runs;
        try (SourceResources resources = new SourceResources()) {
            List<SourceSpec> specs = StorePlans.expand(config, window, resources);
            verdicts = new SourceVerdict[specs.size()];
            runs = new SourceRun[specs.size()];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = new SourceRun(specs.get(i), config, window, events, cancelled, resources);
            }
            if (runs.length == 1) {
                verdicts[0] = runs[0].run();
                if (Thread.interrupted()) {
                    throw new InterruptedException("check interrupted");
                }
            } else {
                runConcurrently(runs, cancelled, verdicts);
            }
        }
        return combine(List.of(verdicts), runs, started, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /**
     * The sources' verdicts with each rule relative to the baseline judged over all of them together: a release goes
     * to every host, a rise spread over them is a rise, and more hosts must not mean more false alarms (one test at
     * the significance level, not one per host). Each log keeps its own numbers beside the common judgement.
     */
    private List<SourceVerdict> judgedTogether(List<SourceVerdict> sources, List<RuleResult> combined) {
        List<SourceVerdict> judged = new ArrayList<>();
        for (SourceVerdict source : sources) {
            if (source.outcome() == Outcome.ERROR) {
                judged.add(source);
                continue;
            }
            List<RuleResult> results = new ArrayList<>();
            boolean allPassed = true;
            for (int i = 0; i < source.rules().size(); i++) {
                RuleResult result = source.rules().get(i);
                if (result.rule().expectation().isRelative()) {
                    result = new RuleResult(result.rule(), combined.get(i).passed(), result.count(), result.share(),
                            result.samples(), result.latency(), result.groups(), result.baseline().asPartOfAll());
                }
                results.add(result);
                allPassed &= result.passed();
            }
            Outcome outcome = Outcome.ofRead(allPassed, source.isEmptyWindow(), config.allowEmpty());
            judged.add(new SourceVerdict(source.source(), outcome, source.format(), results, source.lines(),
                    source.malformed(), source.window(), source.timeline(), source.ended(), source.error(),
                    source.elapsed(), source.remedy()));
        }
        return judged;
    }

    private void runConcurrently(SourceRun[] runs, AtomicBoolean cancelled, SourceVerdict[] verdicts)
            throws InterruptedException {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(runs.length, config.limits().parallelism()),
                runnable -> {
                    Thread thread = new Thread(runnable, "weblog-source-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
        try {
            for (int i = 0; i < runs.length; i++) {
                int index = i;
                done.submit(() -> {
                    verdicts[index] = runs[index].run();
                    return index;
                });
            }
            for (int finished = 0; finished < runs.length; finished++) {
                Future<Integer> next = done.take();
                int index = next.get();
                if (verdicts[index].ended() == EndReason.FAILED_FAST) {
                    cancelled.set(true);
                }
            }
        } catch (InterruptedException e) {
            cancelled.set(true);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a source's reading failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Verdict combine(List<SourceVerdict> sources, SourceRun[] runs, Instant started, Duration elapsed) {
        Outcome outcome = Outcome.PASSED;
        LineCounts lines = LineCounts.NONE;
        for (SourceVerdict source : sources) {
            outcome = outcome.worst(source.outcome());
            lines = lines.plus(source.lines());
        }
        List<RuleResult> rules = new ArrayList<>();
        List<BaselineComparison> comparisons = new ArrayList<>();
        List<Latency> latencies = new ArrayList<>();
        List<List<Hit>> percentileSamples = new ArrayList<>();
        List<Boolean> passes = new ArrayList<>();
        int samplesCap = config.limits().samples();
        for (int i = 0; i < config.rules().size(); i++) {
            Rule rule = config.rules().get(i);
            long count = 0;
            long inWindow = 0;
            boolean passed = true;
            boolean anyRead = false;
            DurationCounts durations = rule.expectation().measure() == Expectation.Measure.PERCENTILE
                    ? new DurationCounts() : null;
            DurationCounts baseDurations = durations == null ? null : new DurationCounts();
            long baseCount = 0;
            long baseHits = 0;
            List<Hit> samples = new ArrayList<>();
            List<List<Hit>> sampleLists = new ArrayList<>();
            List<PathGroups> groups = new ArrayList<>();
            Latency storeLatency = null;
            for (int s = 0; s < sources.size(); s++) {
                SourceVerdict source = sources.get(s);
                RuleResult result = source.rules().get(i);
                passed &= result.passed();
                if (source.outcome() == Outcome.ERROR) {
                    continue;
                }
                anyRead = true;
                count += result.count();
                inWindow += source.lines().inWindow();
                if (durations != null) {
                    durations.add(runs[s].durations()[i]);
                    storeLatency = runs[s].overallLatency(i);
                }
                BaselineTally before = runs[s].baseline();
                if (before != null) {
                    baseCount += before.counts[i];
                    baseHits += before.hits;
                    if (baseDurations != null) {
                        baseDurations.add(before.durations[i]);
                    }
                }
                if (result.groups() != null) {
                    groups.add(result.groups());
                }
                sampleLists.add(result.samples());
                for (Hit hit : result.samples()) {
                    if (samples.size() < samplesCap) {
                        samples.add(hit);
                    }
                }
            }
            Latency latency = durations == null ? null : storeLatency != null ? storeLatency
                    : durations.latency(rule.expectation().percentile());
            comparisons.add(config.window().baseline() == null || !anyRead ? null
                    : BaselineComparison.of(rule.expectation(), count, inWindow, durations, baseCount, baseHits,
                            baseDurations, config.significance()));
            latencies.add(latency);
            percentileSamples.add(durations == null ? null : ExtremeHits.mostExtreme(sampleLists, samplesCap,
                    ExtremeHits.slowest(rule.expectation())));
            passes.add(passed && anyRead);
            rules.add(new RuleResult(rule, passed && anyRead, count, Expectation.share(count, inWindow), samples,
                    latency, groups.isEmpty() ? null : PathGroups.combine(groups), null));
        }
        comparisons = BaselineComparison.adjustedTogether(comparisons);
        boolean noneUnread = sources.stream().noneMatch(source -> source.outcome() == Outcome.ERROR);
        for (int i = 0; i < rules.size(); i++) {
            RuleResult result = rules.get(i);
            BaselineComparison comparison = comparisons.get(i);
            boolean passed = passes.get(i);
            if (result.rule().expectation().isRelative() && comparison != null && sources.size() > 1) {
                passed = comparison.holds(latencies.get(i), config.allowEmpty()) && noneUnread;
            }
            List<Hit> samples = result.samples();
            if (percentileSamples.get(i) != null) {
                samples = ExtremeHits.beyondLimit(percentileSamples.get(i), result.rule().expectation(), comparison);
            }
            rules.set(i, new RuleResult(result.rule(), passed, result.count(), result.share(), samples,
                    result.latency(), result.groups(), comparison));
        }
        if (sources.size() > 1 && config.window().baseline() != null) {
            sources = judgedTogether(sources, rules);
            outcome = Outcome.PASSED;
            for (SourceVerdict source : sources) {
                outcome = outcome.worst(source.outcome());
            }
        }
        return new Verdict(outcome, sources, rules, lines, started, elapsed, config.allowEmpty());
    }

    private static CheckListener serialised(CheckListener listener) {
        Object lock = new Object();
        return event -> {
            synchronized (lock) {
                listener.onEvent(event);
            }
        };
    }
}
