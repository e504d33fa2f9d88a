package io.weblog.check;

import io.weblog.CheckConfig;
import io.weblog.format.FormatDetector;
import io.weblog.format.Hit;
import io.weblog.format.LogFormat;
import io.weblog.format.ParsedLine;
import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import io.weblog.source.FileSource;
import io.weblog.source.LineSplitter;
import io.weblog.source.LocalFileReader;
import io.weblog.source.ReadControl;
import io.weblog.source.SourceException;
import io.weblog.source.SourceResources;
import io.weblog.source.SourceSpec;
import io.weblog.source.store.StoreCounts;
import io.weblog.source.store.StoreSource;
import io.weblog.window.Mark;
import io.weblog.window.Window;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/** Reads one source for a check and judges what it read: the work behind one {@link SourceVerdict}. */
final class SourceRun implements ReadControl {
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;
    /** How many lines off the clock are told of while following, before the verdict tells of all of them. */
    private static final int EARLY_CLOCK_WARNING_LINES = 20;

    private final SourceSpec spec;
    private final CheckConfig config;
    private final Window.Resolved window;
    private final SourceContext context;
    private final AtomicBoolean cancelled;
    private final SourceResources resources;
    private final Tally tally;
    private long lastProgress = System.nanoTime();
    private long linesSeen;
    private long bytesSeen;
    private boolean followingSaid;
    private boolean clockWarned;
    private LineProcessor processor;
    /** The marks that start and end the window, or {@code null} when the clock does. */
    private final MarkWatch marks;

    SourceRun(SourceSpec spec, CheckConfig config, Window.Resolved window, CheckListener events,
            AtomicBoolean cancelled, SourceResources resources) {
        this.spec = spec;
        this.config = config;
        this.window = window;
        this.context = new SourceContext(spec.displayName(), config, window, events, !(spec instanceof FileSource));
        this.cancelled = cancelled;
        this.resources = resources;
        this.tally = new Tally(config.rules(), config.limits().samples(), config.groupAll(),
                window.baseline() != null);
        if (context.markedBaselineLength != null) {
            tally.markedBaseline = new MarkedBaseline(config.rules(), context.selectors, context.markedBaselineLength);
        }
        Mark mark = config.window().mark();
        this.marks = mark == null ? null : new MarkWatch(mark, config.window().follow(), spec.markHost(),
                spec.displayName(), events, resources.shared(MarkClient.class, mark.timeout(),
                        () -> new MarkClient(mark.timeout())));
    }

    SourceVerdict run() {
        Instant readFrom = Instant.now();
        long started = System.nanoTime();
        EndReason ended;
        String error = null;
        Remedy remedy = null;
        LogFormat given = spec.format() != null ? spec.format() : config.format();
        String format = given == null ? null : given.name();
        try {
            ended = read();
            if (processor != null && processor.problem() != null) {
                error = processor.problem();
                ended = EndReason.ERROR;
            }
            if (tally.decided != null) {
                ended = tally.decided;
            }
            if (error == null && tally.parsed() == 0 && tally.malformed > 0) {
                error = nothingParsed();
                ended = EndReason.ERROR;
            }
            String unmarked = marks == null || error != null || ended == EndReason.CANCELLED ? null
                    : marks.problemAtEnd(ended.isEarly() || ended == EndReason.END_MARK);
            if (unmarked != null) {
                error = unmarked;
                ended = EndReason.ERROR;
            }
        } catch (SourceException e) {
            ended = EndReason.ERROR;
            error = e.getMessage();
            remedy = e.remedy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = EndReason.CANCELLED;
        } catch (RuntimeException e) {
            ended = EndReason.ERROR;
            error = "internal error while reading " + spec.displayName() + ": " + e;
        }
        if (marks != null) {
            marks.awaitAnswers();
        }
        if (format == null) {
            format = context.detectedFormat;
        }
        if (spec instanceof StoreSource store && store.counted() != null) {
            format += ", counted in the store";
        }
        if (tally.offClock > 0) {
            context.events.onEvent(new CheckEvent.Warning(context.source, clockWarning()));
        }
        SourceVerdict verdict = verdict(ended, error, remedy, format, readFrom,
                Duration.ofNanos(System.nanoTime() - started));
        context.events.onEvent(new CheckEvent.Finished(spec.displayName(), verdict));
        return verdict;
    }

    private EndReason read() throws SourceException, InterruptedException {
        if (spec instanceof StoreSource store && store.counted() != null) {
            context.events.onEvent(new CheckEvent.Connected(context.source, store.how()));
            StoreTally.fill(tally, store.counted(), config.rules());
            return EndReason.END_OF_INPUT;
        }
        LogFormat format = spec.format() != null ? spec.format() : config.format();
        if (format != null) {
            String[] problem = new String[1];
            if (context.accept(format, problem) == null) {
                throw new SourceException(problem[0]);
            }
        }
        if (!context.live && config.window().stopOn() == null && config.saveWindow() == null
                && config.watch() == null && spec instanceof FileSource file && file.readsAtOffsets()) {
            try (FileChannel channel = LocalFileReader.open(file.path())) {
                long size = channel.size();
                context.events.onEvent(new CheckEvent.Opened(context.source, file.path() + " (" + size + " bytes)"));
                int parts = ParallelFileScan.parts(size);
                if (parts > 1) {
                    return new ParallelFileScan(context, file.path(), this).scan(channel, size, parts, format, tally);
                }
            } catch (IOException e) {
                throw new SourceException("cannot read " + file.path() + ": " + e.getMessage(), e);
            }
        } else if (context.live && spec instanceof FileSource) {
            context.events.onEvent(new CheckEvent.Following(context.source, window.followUntil()));
        }
        WindowSaver saver = openSaver();
        processor = new LineProcessor(context, format, tally, saver, marks);
        LineSplitter splitter = new LineSplitter(processor, context.maxLineBytes, 0);
        EndReason ended;
        try {
            ended = spec.newReader(resources).read(splitter, this);
            if (tally.decided == null && processor.problem() == null) {
                processor.settleFormat();
            }
        } finally {
            tally.bytes = splitter.bytes();
            if (saver != null) {
                saver.close();
            }
        }
        if (saver != null && saver.problem() != null) {
            throw new SourceException(saver.problem());
        }
        return ended;
    }

    /**
     * Why a log of which not one line parsed is an error rather than an empty window: the format is wrong (or the
     * file is not an access log), and a check must not pass, or fail as if traffic had stopped, on that.
     */
    private String nothingParsed() {
        String first = tally.malformedSamples.isEmpty() ? ""
                : "; line " + tally.malformedSamples.get(0).line() + ": " + tally.malformedSamples.get(0).reason();
        String as = config.format() != null ? "as " + config.format().name() : "in the recognised format";
        return String.format(java.util.Locale.ROOT, "not one of %,d lines of %s parsed %s%s", tally.malformed,
                spec.displayName(), as, first);
    }

    private WindowSaver openSaver() throws SourceException {
        if (config.saveWindow() == null) {
            return null;
        }
        Path file = config.saveWindowFile(spec.displayName());
        try {
            return new WindowSaver(file);
        } catch (IOException e) {
            throw new SourceException("cannot save the window to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Instant since() {
        return context.readSince;
    }

    @Override
    public Duration lookBack() {
        return context.markedBaselineLength;
    }

    @Override
    public Instant until() {
        return window.until();
    }

    /** When following ends: the window's end, and with marks as long again as the end mark may take to appear. */
    @Override
    public Instant followUntil() {
        return marks == null || window.followUntil() == null ? window.followUntil()
                : window.followUntil().plus(config.window().mark().timeout());
    }

    /** A window that starts at a mark is not: the mark could no longer be sent in it. */
    @Override
    public boolean readableAfterTheWindow() {
        return marks == null && since() != null;
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    @Override
    public void progress(long bytesRead, long linesRead) {
        linesSeen = linesRead;
        bytesSeen = bytesRead;
        progressDue();
        if (marks != null) {
            marksDue();
        }
    }

    /** Sends the start mark once reading has caught up (or read for a while), the end mark when the window ends. */
    private void marksDue() {
        marks.sendStartWhenDue();
        if (!Instant.now().isBefore(marks.endDue(window.followUntil()))) {
            marks.sendEnd();
        }
    }

    /**
     * Tells of lines that arrived live stamped far from the time they were read: {@code 312 lines arrived stamped
     * about 2 h before they were read, so they fell outside the window and do not count: ...}.
     */
    private String clockWarning() {
        long lines = tally.offClock;
        long meanMillis = tally.offClockMillis / lines;
        String outside = tally.offClockOutside == 0 ? ""
                : tally.offClockOutside == lines ? ", so " + (lines == 1 ? "it" : "they") + " fell outside the window"
                : ", " + String.format(Locale.ROOT, "%,d", tally.offClockOutside) + " of them outside the window";
        return String.format(Locale.ROOT, "%,d", lines) + (lines == 1 ? " line" : " lines") + " arrived stamped about "
                + roughly(Duration.ofMillis(Math.abs(meanMillis))) + (meanMillis < 0 ? " before" : " after")
                + " the time " + (lines == 1 ? "it was" : "they were") + " read" + outside + ": is the server's clock "
                + "or time zone off? A mark starts the window at a line the server logs, whatever its clock";
    }

    /** A duration to the nearest second: {@code 2 h 0 min 12 s}, {@code 3 min 5 s}, {@code 40 s}. */
    static String exactly(Duration duration) {
        long seconds = Math.round(duration.toMillis() / 1000.0);
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        return (hours > 0 ? hours + " h " + minutes + " min " : minutes > 0 ? minutes + " min " : "")
                + seconds % 60 + " s";
    }

    /** A duration as a person estimates it: {@code 2 h}, {@code 5.5 h}, {@code 12 min}, {@code 40 s}. */
    static String roughly(Duration duration) {
        long minutes = Math.round(duration.toSeconds() / 60.0);
        if (minutes >= 60) {
            double hours = Math.round(minutes / 15.0) / 4.0;
            return BigDecimal.valueOf(hours).stripTrailingZeros().toPlainString() + " h";
        }
        return minutes >= 2 ? minutes + " min" : duration.toSeconds() + " s";
    }

    /** Says how far reading has come, about once a second, also while a followed log is quiet. */
    private void progressDue() {
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
            lastProgress = now;
            context.events.onEvent(new CheckEvent.Progress(context.source, linesSeen, bytesSeen, tally.inWindow));
        }
    }

    @Override
    public void rotated(String how) {
        context.events.onEvent(new CheckEvent.Rotated(context.source, how));
    }

    @Override
    public boolean idle() {
        if (processor != null) {
            processor.caughtUp();
        }
        if (tally.offClock >= EARLY_CLOCK_WARNING_LINES && !clockWarned) {
            clockWarned = true;
            context.events.onEvent(new CheckEvent.Warning(context.source, clockWarning()));
        }
        if (marks != null) {
            marks.caughtUp();
            marksDue();
            if (marks.problem() != null) {
                return false;
            }
        }
        if (processor != null && !processor.formatKnown() && linesSeen > 0) {
            return processor.settleFormat();
        }
        if (context.live) {
            progressDue();
        }
        return true;
    }

    @Override
    public void warn(String message) {
        context.events.onEvent(new CheckEvent.Warning(context.source, message));
    }

    @Override
    public void connected(String detail) {
        context.events.onEvent(new CheckEvent.Connected(context.source, detail));
        if (context.live && !followingSaid && Instant.now().isBefore(window.followUntil())) {
            followingSaid = true;
            context.events.onEvent(new CheckEvent.Following(context.source, window.followUntil()));
        }
    }

    @Override
    public void reconnecting(int attempt, String reason) {
        context.events.onEvent(new CheckEvent.Reconnecting(context.source, attempt, reason));
    }

    @Override
    public TimeRange hitTimes(List<byte[]> lines) {
        LogFormat format = config.format() != null ? config.format() : FormatDetector.detect(lines).format();
        if (format == null) {
            return null;
        }
        LogFormat.LineParser parser = format.newParser();
        ParsedLine line = new ParsedLine();
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (byte[] bytes : lines) {
            if (parser.parse(bytes, 0, bytes.length, line) && line.hasTime()) {
                long millis = line.epochMillis();
                earliest = Math.min(earliest, millis);
                latest = Math.max(latest, millis);
            }
        }
        return earliest == Long.MAX_VALUE ? null
                : new TimeRange(Instant.ofEpochMilli(earliest), Instant.ofEpochMilli(latest));
    }

    /** The durations of each percentile rule's hits ({@code null} for other rules), for a verdict over sources. */
    DurationCounts[] durations() {
        return tally.durations;
    }

    /**
     * A percentile rule's percentile over every source of the check, where a log store measured it over all the
     * sources it split into; else {@code null}, and the sources' durations are put together.
     */
    Latency overallLatency(int rule) {
        if (!(spec instanceof StoreSource store) || store.counted() == null) {
            return null;
        }
        StoreCounts.RuleCount counted = store.counted().rules().get(rule);
        return counted.overallMeasured() < 0 ? null : StoreTally.latency(config.rules().get(rule).expectation()
                .percentile(), counted.overallPercentileMicros(), counted.overallMeasured());
    }

    /** What the baseline held, or {@code null} when there is none, for a verdict over sources. */
    BaselineTally baseline() {
        return tally.baseline;
    }

    /**
     * Whether a rule held: a rule relative to the baseline by {@link BaselineComparison#holds}, a percentile by its
     * duration, any other by its count or share.
     */
    private boolean holds(Expectation expectation, long count, Latency latency, BaselineComparison comparison) {
        if (expectation.isRelative()) {
            return comparison.holds(latency, config.allowEmpty());
        }
        return latency != null ? latency.meets(expectation) : expectation.holds(count, tally.inWindow);
    }

    private SourceVerdict verdict(EndReason ended, String error, Remedy remedy, String format, Instant readFrom,
            Duration elapsed) {
        List<RuleResult> results = new ArrayList<>();
        boolean allPassed = true;
        List<BaselineComparison> comparisons = new ArrayList<>();
        BaselineTally before = tally.baseline;
        for (int i = 0; i < config.rules().size(); i++) {
            comparisons.add(before == null ? null : BaselineComparison.of(config.rules().get(i).expectation(),
                    tally.counts[i], tally.inWindow, tally.durations[i], before.counts[i], before.hits,
                    before.durations[i], config.significance()));
        }
        comparisons = BaselineComparison.adjustedTogether(comparisons);
        for (int i = 0; i < config.rules().size(); i++) {
            Rule rule = config.rules().get(i);
            long count = tally.counts[i];
            Expectation expectation = rule.expectation();
            Latency latency = tally.durations[i] == null ? null : tally.measured[i] != null ? tally.measured[i]
                    : tally.durations[i].latency(expectation.percentile());
            BaselineComparison comparison = comparisons.get(i);
            boolean passed = error == null && holds(expectation, count, latency, comparison);
            allPassed &= passed;
            PathGroups groups = tally.groups[i] == null || passed && !config.groupAll() ? null
                    : tally.groups[i].build();
            results.add(new RuleResult(rule, passed, count, Expectation.share(count, tally.inWindow),
                    samples(i, expectation, comparison), latency, groups, comparison));
        }
        Outcome outcome = error != null ? Outcome.ERROR
                : Outcome.ofRead(allPassed, tally.inWindow == 0, config.allowEmpty());
        ObservedWindow observed = new ObservedWindow(window.since(), window.until() != null ? window.until()
                : window.followUntil(), readFrom, Instant.now(), context.instant(tally.firstHitMillis),
                context.instant(tally.lastHitMillis), baselineSince(), baselineUntil(),
                tally.baseline == null ? 0 : tally.baseline.hits, marks == null ? 0 : marks.startLine(),
                marks == null ? 0 : marks.endLine(), tally.markedBaseline != null,
                tally.markedBaseline == null ? null : tally.markedBaseline.resolution());
        return new SourceVerdict(spec.displayName(), outcome, format, results, tally.lineCounts(),
                tally.malformedSamples, observed,
                before == null ? tally.timeline.build() : tally.timeline.build(before.timeline), ended, error,
                elapsed, remedy);
    }

    /** A rule's samples: its first hits, or for a percentile rule its most extreme hits beyond its limit. */
    private List<Hit> samples(int rule, Expectation expectation, BaselineComparison comparison) {
        List<Hit> samples = tally.samples(rule);
        return tally.extremes[rule] == null ? samples : ExtremeHits.beyondLimit(samples, expectation, comparison);
    }

    /** Where the baseline started: by the clock, or for a marked window in the log's own time once the mark came. */
    private Instant baselineSince() {
        return tally.markedBaseline != null ? tally.markedBaseline.since()
                : context.baseline == null ? null : context.baseline.since();
    }

    /** Where the baseline ended: by the clock, or for a marked window at the start mark's own time. */
    private Instant baselineUntil() {
        return tally.markedBaseline != null ? tally.markedBaseline.until()
                : context.baseline == null ? null : context.baseline.until();
    }
}
