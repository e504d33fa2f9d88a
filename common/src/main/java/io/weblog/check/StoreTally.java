package io.weblog.check;

import io.weblog.format.Hit;
import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import io.weblog.source.store.StoreCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts what a log store counted into a source's {@link Tally}, so that the check judges it exactly as it judges a
 * reading: the same rules, limits, baselines and reports.
 */
final class StoreTally {

    private StoreTally() {
    }

    /** Fills an empty tally with a store's counts for one source. */
    static void fill(Tally tally, StoreCounts counts, List<Rule> rules) {
        tally.read = counts.read();
        tally.malformed = counts.read() - counts.parsed();
        tally.beforeWindow = counts.parsed() - counts.inWindow();
        tally.inWindow = counts.inWindow();
        if (counts.firstHit() != null) {
            tally.hitTime(counts.firstHit().toEpochMilli());
            tally.hitTime(counts.lastHit().toEpochMilli());
        }
        for (StoreCounts.TimelineBucket bucket : counts.timeline()) {
            tally.timeline.add(bucket.start().getEpochSecond(), bucket.byClass(), new long[0]);
        }
        if (tally.baseline != null) {
            tally.baseline.hits = counts.baselineHits();
        }
        for (int i = 0; i < rules.size(); i++) {
            StoreCounts.RuleCount rule = counts.rules().get(i);
            tally.counts[i] = rule.count();
            if (tally.extremes[i] != null) {
                for (Hit hit : rule.samples()) {
                    if (hit.duration() != null && tally.extremes[i].wants(hit.duration().toNanos() / 1000)) {
                        tally.extremes[i].add(hit);
                    }
                }
            } else {
                tally.samples.get(i).addAll(rule.samples());
            }
            Expectation expectation = rules.get(i).expectation();
            if (expectation.measure() == Expectation.Measure.PERCENTILE) {
                tally.measured[i] = latency(expectation.percentile(), rule.percentileMicros(), rule.measured());
            }
            if (tally.groups[i] != null) {
                for (StoreCounts.PathCount path : rule.paths()) {
                    Map<String, Long> referrers = new LinkedHashMap<>();
                    path.referrers().forEach(referrer -> referrers.put(referrer.referrer(), referrer.count()));
                    tally.groups[i].addCounted(path.path(), path.count(), path.first(), path.last(), referrers,
                            path.otherReferrers(), path.withoutReferrer());
                }
                tally.groups[i].addOtherHits(rule.otherPathHits());
            }
            if (tally.baseline != null) {
                tally.baseline.counts[i] = rule.baselineCount();
            }
        }
    }

    /**
     * A percentile a store measured with its HDR histogram at three significant digits: within 0.1% of the true
     * value, so that a bound within that range is not taken as broken.
     */
    static Latency latency(double percentile, long micros, long measured) {
        if (measured <= 0 || micros < 0) {
            return Latency.none(percentile);
        }
        long margin = (micros + 999) / 1000;
        return Latency.approximate(percentile, micros, measured, Math.max(0, micros - margin), micros + margin,
                "within 0.1%: the log store's HDR percentiles at 3 significant digits");
    }
}
