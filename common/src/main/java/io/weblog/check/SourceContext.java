package io.weblog.check;

import io.weblog.CheckConfig;
import io.weblog.format.Field;
import io.weblog.format.FormatDetector;
import io.weblog.format.LogFormat;
import io.weblog.format.LogFormats;
import io.weblog.rule.Rule;
import io.weblog.rule.Selector;
import io.weblog.window.Baseline;
import io.weblog.window.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What every part of one source's reading shares: the rules, the window as numbers, and where events go. */
final class SourceContext {
    final String source;
    final List<Rule> rules;
    final Selector[] selectors;
    /** Whether every rule is a {@code min=N} count, so that meeting them all decides the outcome. */
    final boolean onlyMinCounts;
    final Selector stopOn;
    final Selector watch;
    /** Whether marks in the log start and end the window, rather than the clock. */
    final boolean marked;
    /** Where the window starts for this source, or {@code null}. */
    final Instant since;
    final long sinceMillis;
    /**
     * The baseline's bounds by the clock, or {@code null} when the window is judged on its own or against a baseline
     * measured in the log's own time ({@link #markedBaselineLength}).
     */
    final Baseline.Interval baseline;
    /**
     * How long the baseline of a window that starts at a mark is, measured back from the mark's own time in the log,
     * or {@code null} when the window is not marked or its baseline has fixed bounds.
     */
    final Duration markedBaselineLength;
    final long baselineSinceMillis;
    final long baselineUntilMillis;
    /** Where reading starts: the window's start, or the baseline's when it is earlier; or {@code null}. */
    final Instant readSince;
    final long untilMillis;
    final boolean timeBounded;
    final boolean live;
    /** Whether lines that arrive live are checked against the clock, to tell of a server whose clock is off. */
    final boolean watchesClock;
    final int samples;
    final int maxLineBytes;
    final CheckListener events;
    /** What a parser must extract: what the rules and stop-on select on, and time and status for the timeline. */
    final Set<Field> neededFields;
    /** The format recognised from the first lines, once it is; read after the source's threads are done. */
    volatile String detectedFormat;

    /**
     * @param remote whether the source is read over a network: a followed window without a start then begins when
     *     the check started, not when the connection was made, and the hits logged in between are read back. A
     *     followed window with a start ends at the end of following by the lines' time as well, so that a reader that
     *     read the log back after the window (a login slower than the window) counts only the window's lines
     */
    SourceContext(String source, CheckConfig config, Window.Resolved window, CheckListener events, boolean remote) {
        this.source = source;
        this.rules = config.rules();
        int count = rules.size();
        this.selectors = new Selector[count];
        boolean allMin = true;
        for (int i = 0; i < count; i++) {
            selectors[i] = rules.get(i).selector();
            allMin &= rules.get(i).expectation().isMinCount();
        }
        this.onlyMinCounts = allMin;
        this.stopOn = config.window().stopOn();
        this.watch = config.watch();
        this.marked = config.window().mark() != null;
        Instant since = !marked && window.since() == null && (remote || window.baseline() != null)
                && window.followUntil() != null ? window.started().truncatedTo(ChronoUnit.SECONDS) : window.since();
        this.since = since;
        this.sinceMillis = since == null ? Long.MIN_VALUE : since.toEpochMilli();
        boolean markedBaseline = marked && window.baseline() != null && !config.window().baseline().isFixed();
        this.markedBaselineLength = markedBaseline
                ? Duration.between(window.baseline().since(), window.baseline().until()) : null;
        this.baseline = markedBaseline ? null : window.baseline();
        this.baselineSinceMillis = baseline == null ? Long.MAX_VALUE : baseline.since().toEpochMilli();
        this.baselineUntilMillis = baseline == null ? Long.MIN_VALUE : baseline.until().toEpochMilli();
        this.readSince = baseline != null && (since == null || baseline.since().isBefore(since))
                ? baseline.since() : since;
        Instant until = window.until() != null ? window.until()
                : since != null && !marked ? window.followUntil() : null;
        this.untilMillis = until == null ? Long.MAX_VALUE : until.toEpochMilli();
        this.timeBounded = since != null || window.until() != null;
        this.live = window.followUntil() != null;
        this.watchesClock = live && !marked;
        this.samples = config.limits().samples();
        this.maxLineBytes = config.limits().maxLineBytes();
        this.events = events;
        Set<Field> needed = EnumSet.of(Field.TIME, Field.STATUS);
        for (Selector selector : selectors) {
            needed.addAll(selector.fields());
        }
        if (rules.stream().anyMatch(Rule::needsDuration)) {
            needed.add(Field.DURATION);
        }
        if (stopOn != null) {
            needed.addAll(stopOn.fields());
        }
        if (watch != null) {
            needed.addAll(EnumSet.allOf(Field.class));
        }
        this.neededFields = needed;
    }

    /**
     * Chooses the format from a source's first lines and says so.
     *
     * @return the format, or {@code null} when no known format fits (the message is in {@code problem[0]})
     */
    LogFormat detect(List<byte[]> lines, String[] problem) {
        FormatDetector.Detection detection = FormatDetector.detect(lines);
        if (detection.format() == null) {
            problem[0] = "the first " + lines.size() + " lines are in no known format; give the format "
                    + "(combined, common, an Apache LogFormat, nginx:<log_format>, json:...)";
            return null;
        }
        detectedFormat = detection.format().name();
        events.onEvent(new CheckEvent.FormatDetected(source, detectedFormat, detection.parsed(),
                detection.sampled()));
        return accept(detection.format(), problem);
    }

    /** Checks that a format can serve the rules and window; warns about fields it does not log. */
    LogFormat accept(LogFormat format, String[] problem) {
        Set<Field> logged = format.fields();
        if (timeBounded && !logged.contains(Field.TIME)) {
            problem[0] = "format " + format.name() + " logs no time, so the window's start and end cannot be applied";
            return null;
        }
        Rule timed = rules.stream().filter(Rule::needsDuration).findFirst().orElse(null);
        if (timed != null && !logged.contains(Field.DURATION)) {
            problem[0] = LogFormats.noDuration(format.name(), timed.name());
            return null;
        }
        Set<Field> used = EnumSet.noneOf(Field.class);
        for (Selector selector : selectors) {
            used.addAll(selector.fields());
        }
        used.remove(Field.DURATION);
        if (stopOn != null) {
            used.addAll(stopOn.fields());
        }
        used.removeAll(logged);
        if (!used.isEmpty()) {
            events.onEvent(new CheckEvent.Warning(source, "format " + format.name() + " does not log "
                    + used.stream().map(Field::ruleName).collect(Collectors.joining(", "))
                    + "; filters on it see it as absent"));
        }
        return format;
    }

    Instant instant(long millis) {
        return millis == Long.MAX_VALUE || millis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(millis);
    }
}
