package io.weblog.report;

import io.weblog.check.BaselineComparison;
import io.weblog.check.EndReason;
import io.weblog.check.Latency;
import io.weblog.check.LineCounts;
import io.weblog.check.ObservedWindow;
import io.weblog.check.PathGroups;
import io.weblog.check.Outcome;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import io.weblog.rule.Expectation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words and numbers every report shares, so that the console, JUnit and HTML say the same thing the same way. */
final class Wording {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ssxxx", Locale.ROOT);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Wording() {
    }

    /** The one-line summary: the outcome and, in one sentence, why. Not yet cleaned for printing. */
    static String headline(Verdict verdict) {
        return switch (verdict.outcome()) {
            case ERROR -> "ERROR: " + errorReason(verdict.sources());
            case FAILED -> "FAILED: " + failureReason(verdict);
            case PASSED -> "PASSED: " + passReason(verdict);
        };
    }

    /**
     * The measured value against the expectation: {@code count 3 > max=0}, {@code share 0.2% <= max=0.5%},
     * {@code p95 412ms > 300ms}.
     */
    static String judgement(RuleResult result) {
        Expectation expectation = result.rule().expectation();
        if (expectation.isRelative() && result.baseline() != null) {
            return againstBaseline(result);
        }
        if (result.latency() != null) {
            Latency latency = result.latency();
            if (!latency.isMeasured()) {
                return percentileName(latency) + " not measured: no selected hit logged a duration";
            }
            String relation = expectation.bound() == Expectation.Bound.MAX ? (result.passed() ? " <= " : " > ")
                    : (result.passed() ? " >= " : " < ");
            String limit = expectation.text().substring(expectation.text().indexOf('=') + 1);
            return percentileName(latency) + " " + value(latency, (long) expectation.limit()) + relation + limit + " (over "
                    + count(latency.measured()) + " hits with a duration" + resolution(latency) + ")";
        }
        String value = expectation.measure() == Expectation.Measure.SHARE
                ? "share " + percentAgainst(result.share(), expectation.limit(), result.passed())
                : "count " + count(result.count());
        String relation;
        if (expectation.bound() == Expectation.Bound.MAX) {
            relation = result.passed() ? " <= " : " > ";
        } else {
            relation = result.passed() ? " >= " : " < ";
        }
        return value + relation + expectation.text();
    }

    /**
     * A rule judged against the baseline: the value, the limit the baseline set and, when the window is beyond it,
     * whether chance explains that: {@code share 4.1% > 0.72% allowed (max=+0.5% over 0.22% before), significant:
     * p=0.0003 < 0.01 (41 of 1,000 hits against 4 of 1,820 before)}.
     */
    private static String againstBaseline(RuleResult result) {
        String judged = againstBaselineOnItsOwn(result);
        if (!result.baseline().overAllLogs()) {
            return judged;
        }
        return judged + "; judged over all logs together, where it " + (result.passed() ? "held" : "failed");
    }

    private static String againstBaselineOnItsOwn(RuleResult result) {
        Expectation expectation = result.rule().expectation();
        BaselineComparison before = result.baseline();
        if (before.isEmpty()) {
            return "nothing to compare with: no hits in the baseline before the window ("
                    + expectation.text() + ")";
        }
        boolean max = expectation.bound() == Expectation.Bound.MAX;
        String value;
        String allowed;
        String baseValue;
        String evidence;
        if (expectation.measure() == Expectation.Measure.PERCENTILE) {
            Latency latency = result.latency();
            String name = percentileName(latency);
            if (!latency.isMeasured()) {
                return name + " not measured: no selected hit logged a duration";
            }
            if (!before.latency().isMeasured()) {
                return name + " " + duration(latency.valueMicros()) + ", nothing to compare with: no hit the rule "
                        + "selects before the window logged a duration";
            }
            long limit = Math.round(before.allowed());
            value = name + " " + value(latency, limit);
            allowed = duration(limit);
            baseValue = value(before.latency(), limit);
            double outside = max ? 100 - latency.percentile() : latency.percentile();
            evidence = count(before.outside()) + " of " + count(latency.measured()) + " durations "
                    + (max ? "above " : "below ") + allowed + ", where at most "
                    + BigDecimal.valueOf(outside).stripTrailingZeros().toPlainString() + "% would be, against "
                    + count(before.outsideBefore()) + " of " + count(before.latency().measured()) + " before"
                    + resolution(latency, before.latency());
        } else {
            value = "share " + percentAgainst(result.share(), before.allowed(), !before.beyond());
            allowed = percent(before.allowed());
            baseValue = percent(before.share());
            evidence = count(result.count()) + " of " + count(before.windowHits())
                    + " hits against " + count(before.count()) + " of " + count(before.hits()) + " before";
        }
        String relation = before.beyond() ? (max ? " > " : " < ") : (max ? " <= " : " >= ");
        String judged = value + relation + allowed + " allowed (" + expectation.text() + " over " + baseValue
                + " before)";
        if (!before.beyond()) {
            return judged;
        }
        String p = pValue(before.pValue()) + (before.family() > 1 ? " (" + pValue(before.adjustedPValue())
                + " adjusted for " + before.family() + " rules against the baseline, by Holm's method)" : "");
        String level = BigDecimal.valueOf(before.significance()).stripTrailingZeros().toPlainString();
        return before.isSignificant()
                ? judged + ", significant: " + p + " < " + level + " (" + evidence + ")"
                : judged + ", but not significant: " + p + ", not below " + level + " (" + evidence + ")";
    }

    /**
     * Whether a rule held although the window went beyond the limit its baseline set, because too few hits stand
     * behind the rise to tell it from chance: a report says so, lest a reader take the pass for a miss.
     */
    static boolean isNoise(RuleResult result) {
        return result.passed() && result.baseline() != null && result.rule().expectation().isRelative()
                && result.baseline().beyond() && !result.baseline().isSignificant();
    }

    /** A p-value with two significant digits: {@code p=0.011}, {@code p<0.0001}. */
    static String pValue(double p) {
        if (p < 0.0001) {
            return "p<0.0001";
        }
        return "p=" + new BigDecimal(p).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /**
     * How the rule fared in the baseline, for a table's BEFORE column: {@code 4 (0.22%)}, {@code p95 210ms}, or
     * {@code ""} when the window was judged on its own.
     */
    static String before(RuleResult result) {
        BaselineComparison before = result.baseline();
        if (before == null) {
            return "";
        }
        if (before.latency() != null) {
            return latency(before.latency());
        }
        return count(before.count()) + " (" + percent(before.share()) + ")";
    }

    /**
     * What was measured besides the count and share, for a table's MEASURED column: {@code p95 412ms}, or
     * {@code ""} for a rule that measures nothing more.
     */
    static String measured(RuleResult result) {
        Latency latency = result.latency();
        if (latency == null) {
            return "";
        }
        return latency(latency);
    }

    /**
     * A percentile and its value: {@code p95 412ms}, {@code p95 ≈1.21s} when known within a resolution only,
     * {@code p95 -}.
     */
    private static String latency(Latency latency) {
        return percentileName(latency) + " "
                + (latency.isMeasured() ? value(latency, latency.valueMicros()) : "-");
    }

    /**
     * A measured percentile: exact, a duration as the log holds it ({@code 1.212s}, {@code 412.345ms}), or known
     * within a resolution only, with three significant digits and {@code ≈} ({@code ≈1.21s}), with more where fewer
     * would read as equal to the limit it is judged against.
     */
    private static String value(Latency latency, long limitMicros) {
        return latency.exact() ? duration(latency.valueMicros(), 7)
                : approximately(latency) + durationAgainst(latency.valueMicros(), limitMicros);
    }

    /** {@code ≈} before a percentile known within a resolution only, else nothing. */
    private static String approximately(Latency latency) {
        return latency.isMeasured() && !latency.exact() ? "\u2248" : "";
    }

    /** What a percentile known within a resolution only rests on, for a judgement; nothing for exact ones. */
    private static String resolution(Latency... latencies) {
        for (Latency latency : latencies) {
            if (latency.isMeasured() && !latency.exact()) {
                return "; \u2248 " + latency.approximation();
            }
        }
        return "";
    }

    /** {@code p95}, {@code p99.9}. */
    private static String percentileName(Latency latency) {
        return "p" + BigDecimal.valueOf(latency.percentile()).stripTrailingZeros().toPlainString();
    }

    /**
     * A logged duration with three significant digits in a fitting unit: {@code 850us}, {@code 12.5ms},
     * {@code 412ms}, {@code 1.23s}.
     */
    static String duration(long micros) {
        return duration(micros, 3);
    }

    /**
     * A duration as {@link #duration(long)} writes it, with more digits where three would make it read as equal to
     * the limit it is judged against (a p95 of 300.4ms against 300ms is not written 300ms).
     */
    static String durationAgainst(long micros, long limitMicros) {
        for (int digits = 3; digits < 7; digits++) {
            String shown = duration(micros, digits);
            if (micros == limitMicros || !shown.equals(duration(limitMicros, digits))) {
                return shown;
            }
        }
        return duration(micros, 7);
    }

    private static String duration(long micros, int digits) {
        if (micros < 1000) {
            return micros + "us";
        }
        int scale = micros < 1_000_000 ? 3 : 6;
        return BigDecimal.valueOf(micros, scale).round(new MathContext(digits)).stripTrailingZeros().toPlainString()
                + (scale == 3 ? "ms" : "s");
    }

    /** How many paths a rule's groups count: {@code 17 paths}, or {@code 100 paths and 312 hits on others}. */
    static String pathCount(PathGroups groups) {
        int paths = groups.paths().size();
        String counted = paths == 1 ? "1 path" : paths + " paths";
        return groups.otherHits() == 0 ? counted
                : counted + " and " + count(groups.otherHits()) + " hits on paths not told apart";
    }

    /**
     * The pages that lead to a path, the most hits first: {@code https://shop.example.com/ (30), ... and 3 more}, or
     * {@code ""} when no hit logged a referrer.
     */
    static String linkedFrom(PathGroups.PathGroup group, int shown) {
        List<PathGroups.Referrer> referrers = group.referrers();
        if (referrers.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (PathGroups.Referrer referrer : referrers.subList(0, Math.min(shown, referrers.size()))) {
            out.append(out.length() == 0 ? "" : ", ").append(referrer.referrer()).append(" (")
                    .append(count(referrer.count())).append(')');
        }
        int more = referrers.size() - Math.min(shown, referrers.size());
        if (more > 0 || group.otherReferrers() > 0) {
            out.append(" and ").append(more > 0 ? more + " more" : "others");
        }
        return out.toString();
    }

    /**
     * What the samples shown of a rule are, or {@code ""} when they are all its hits: {@code first 5 of 2,018 hits};
     * for a percentile rule, whose samples are the hits that took it beyond its limit, {@code the 5 slowest of 43,426
     * hits, each above 300ms}.
     *
     * @param shown how many of the samples are shown
     */
    static String samples(RuleResult result, int shown) {
        Expectation expectation = result.rule().expectation();
        if (expectation.measure() != Expectation.Measure.PERCENTILE) {
            return shown < result.count() ? "first " + shown + " of " + count(result.count()) + " hits" : "";
        }
        boolean max = expectation.bound() == Expectation.Bound.MAX;
        String which = max ? "slowest" : "fastest";
        String limit = !expectation.isRelative() ? expectation.limitText()
                : result.baseline() != null && result.baseline().isCompared()
                        ? duration(Math.round(result.baseline().allowed())) : null;
        return "the " + (shown == 1 ? "" : shown + " ") + which + " of " + count(result.count()) + " hits"
                + (limit == null ? "" : (shown == 1 ? ", " : ", each ") + (max ? "above " : "below ") + limit);
    }

    /** Whether a rule's samples are shown with their durations: it selects or judges hits by how long they took. */
    static boolean showsDurations(RuleResult result) {
        return result.rule().needsDuration();
    }

    /** A hit's logged duration as {@link #duration(long)} writes it, exactly, or {@code -} when none was logged. */
    static String duration(Hit hit) {
        return hit.duration() == null ? "-" : duration(hit.duration().toNanos() / 1000, 7);
    }

    /** A time of day in UTC: {@code 11:05:40Z}. */
    static String timeOfDay(Instant instant) {
        return TIME_OF_DAY.format(instant);
    }

    /** Why reading a source stopped, as a phrase. */
    static String ended(EndReason reason) {
        return switch (reason) {
            case END_OF_INPUT -> "read to the end";
            case WINDOW_ENDED -> "the followed window ended";
            case END_MARK -> "the followed window ended at the end mark";
            case STOP_HIT -> "stopped early at the stop-on hit";
            case FAILED_FAST -> "stopped early: a max rule was exceeded (fail-fast)";
            case PASSED_EARLY -> "stopped early: every min rule was met";
            case CANCELLED -> "stopped early: cancelled (another source decided the check)";
            case ERROR -> "stopped by an error";
        };
    }

    /** A share as a percentage with two or three significant digits; never rounds a non-zero share to 0% or 100%. */
    static String percent(double share) {
        if (!Double.isFinite(share)) {
            return "-";
        }
        if (share <= 0) {
            return "0%";
        }
        if (share >= 1) {
            return "100%";
        }
        BigDecimal percent = new BigDecimal(share * 100);
        BigDecimal rounded = percent.round(new MathContext(percent.compareTo(BigDecimal.ONE) >= 0 ? 3 : 2));
        if (rounded.compareTo(HUNDRED) >= 0) {
            return "99.9%";
        }
        return rounded.stripTrailingZeros().toPlainString() + "%";
    }

    /** A rule's share of the window, with the digits its verdict needs when the rule limits a share. */
    static String share(RuleResult result) {
        Expectation expectation = result.rule().expectation();
        return expectation.measure() == Expectation.Measure.SHARE
                ? percentAgainst(result.share(), expectation.limit(), result.passed()) : percent(result.share());
    }

    /**
     * A share as {@link #percent} writes it, with more digits where fewer would contradict the verdict next to it
     * (a share of 33.3333% that broke max=33.33% is not written 33.3%, which reads as within it).
     */
    static String percentAgainst(double share, double limit, boolean passed) {
        String shown = percent(share);
        if (shown.equals("-") || share <= 0 || share >= 1) {
            return shown;
        }
        boolean above = share > limit;
        for (int digits = 4; digits <= 9; digits++) {
            double displayed = Double.parseDouble(shown.substring(0, shown.length() - 1)) / 100;
            boolean consistent = above ? displayed > limit : displayed < limit || passed && displayed <= limit;
            if (consistent || share == limit) {
                return shown;
            }
            shown = new BigDecimal(share * 100).round(new MathContext(digits)).stripTrailingZeros().toPlainString()
                    + "%";
        }
        return shown;
    }

    /** A count with thousands separators: {@code 12,345}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A byte size in binary units: {@code 512 B}, {@code 211.3 KiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A duration in seconds with millisecond precision: {@code 0.084 s}. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(millis(duration), 3).toPlainString() + " s";
    }

    /** A duration in whole milliseconds, 0 for {@code null} or negative ones. */
    static long millis(Duration duration) {
        if (duration == null || duration.isNegative()) {
            return 0;
        }
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** An instant as ISO-8601 in UTC, or {@code -}. */
    static String instant(Instant instant) {
        return instant == null ? "-" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** The time of day of a hit with the server's offset, such as {@code 13:55:36+02:00}, or {@code -}. */
    static String clock(OffsetDateTime time) {
        return time == null ? "-" : CLOCK.format(time);
    }

    /** A status code, or {@code -} when none was logged. */
    static String status(int status) {
        return status < 0 ? "-" : Integer.toString(status);
    }

    /** The observed window as a phrase: the first and last hit, and the requested bounds if any. */
    static String window(SourceVerdict source) {
        ObservedWindow window = source.window();
        if (window == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        if (window.firstHit() == null) {
            out.append("no hits");
        } else {
            out.append(instant(window.firstHit())).append(" .. ").append(instant(window.lastHit()));
        }
        if (window.since() != null || window.until() != null) {
            out.append(" (requested ");
            if (window.since() != null) {
                out.append("since ").append(instant(window.since()));
            }
            if (window.until() != null) {
                out.append(window.since() != null ? ", " : "").append("until ").append(instant(window.until()));
            }
            out.append(')');
        }
        if (window.startMarkLine() > 0) {
            out.append(", from the mark at line ").append(count(window.startMarkLine()));
            if (window.endMarkLine() > 0) {
                out.append(" to the end mark at line ").append(count(window.endMarkLine()));
            }
        }
        return out.toString();
    }

    /**
     * The baseline as a phrase: {@code 1,820 hits from 2024-10-10T10:00:00Z until 2024-10-10T11:00:00Z (the
     * baseline)}; for one measured from the start mark, {@code ... until the start mark, stamped 2024-...Z (the
     * baseline, in the log's own time)}, with how finely its start was placed when coarser than a second.
     */
    static String baseline(ObservedWindow window) {
        long hits = window.baselineHits();
        String counted = count(hits) + (hits == 1 ? " hit" : " hits") + " from " + instant(window.baselineSince());
        if (!window.baselineFromMark()) {
            return counted + " until " + instant(window.baselineUntil()) + " (the baseline)";
        }
        Duration resolution = window.baselineResolution();
        return counted + " until the start mark, stamped " + instant(window.baselineUntil()) + " (the baseline, in "
                + "the log's own time" + (resolution != null && resolution.toSeconds() > 1
                        ? "; its start placed to \u2248" + resolution.toSeconds() + " s" : "") + ")";
    }

    /**
     * The line counts as a phrase, every line read accounted for once: {@code 1,204 read: 120 before the window,
     * 1,080 in it, 0 after it, 4 malformed; 211.3 KiB}.
     */
    static String lines(LineCounts lines) {
        StringBuilder out = new StringBuilder()
                .append(count(lines.read())).append(" read: ")
                .append(count(lines.beforeWindow())).append(" before the window, ")
                .append(count(lines.inWindow())).append(" in it, ")
                .append(count(lines.afterWindow())).append(" after it, ")
                .append(count(lines.malformed())).append(" malformed");
        if (lines.tooLong() > 0) {
            out.append(" (").append(count(lines.tooLong())).append(" too long)");
        }
        return out.append("; ").append(bytes(lines.bytes())).toString();
    }

    /** How many sources, as a phrase: {@code /var/log/x} for one, {@code 3 sources} for more. */
    static String sources(Verdict verdict) {
        List<SourceVerdict> sources = verdict.sources();
        return sources.size() == 1 ? sources.get(0).source() : sources.size() + " sources";
    }

    /** Whether this source failed for want of hits. */
    static boolean emptyAndNotAllowed(Verdict verdict, SourceVerdict source) {
        return source.isEmptyWindow() && !verdict.emptyAllowed();
    }

    private static String errorReason(List<SourceVerdict> sources) {
        List<SourceVerdict> unread = sources.stream().filter(s -> s.outcome() == Outcome.ERROR).toList();
        if (sources.size() == 1 && unread.size() == 1) {
            SourceVerdict source = unread.get(0);
            if (source.error() == null || source.error().isBlank()) {
                return source.source() + " could not be read";
            }
            return source.error().contains(source.source()) ? source.error()
                    : source.source() + ": " + source.error();
        }
        return unread.size() + " of " + sources.size() + " sources could not be read";
    }

    private static String failureReason(Verdict verdict) {
        List<SourceVerdict> sources = verdict.sources();
        boolean single = sources.size() == 1;
        long empty = sources.stream().filter(s -> emptyAndNotAllowed(verdict, s)).count();
        long sourcesFailingRules = sources.stream()
                .filter(s -> s.outcome() != Outcome.ERROR && s.rules().stream().anyMatch(r -> !r.passed()))
                .count();
        long failedRules = 0;
        for (int i = 0; i < verdict.rules().size(); i++) {
            if (RuleStatus.combined(verdict, i) == RuleStatus.FAIL) {
                failedRules++;
            }
        }
        List<String> reasons = new ArrayList<>();
        if (empty > 0) {
            reasons.add(single ? "no hits in the window"
                    : "no hits in the window on " + empty + " of " + sources.size() + " sources");
        }
        if (failedRules > 0) {
            reasons.add(failedRules + " of " + rules(verdict.rules().size()) + " failed on "
                    + (single ? sources.get(0).source() : sourcesFailingRules + " of " + sources.size() + " sources"));
        }
        return reasons.isEmpty() ? "the check failed" : String.join("; ", reasons);
    }

    private static String passReason(Verdict verdict) {
        int rules = verdict.rules().size();
        String held = rules == 1 ? "1 rule held" : "all " + rules + " rules held";
        long hits = verdict.lines().inWindow();
        if (hits == 0) {
            return held + " on " + sources(verdict) + ", with no hits in the window (allowed)";
        }
        return held + " over " + count(hits) + (hits == 1 ? " hit" : " hits") + " on " + sources(verdict);
    }

    private static String rules(int n) {
        return n == 1 ? "1 rule" : n + " rules";
    }
}
