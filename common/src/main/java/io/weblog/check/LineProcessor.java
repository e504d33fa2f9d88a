package io.weblog.check;

import io.weblog.format.Bytes;
import io.weblog.format.Field;
import io.weblog.format.Hit;
import io.weblog.format.LogFormat;
import io.weblog.format.ParsedLine;
import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import io.weblog.source.LineSink;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Judges lines one by one: parses each with the format, keeps those inside the window, counts them for every rule
 * whose selector matches, and keeps the first samples. When the format is not known yet, the first lines are held
 * back until they tell which it is, then judged.
 *
 * <p>While following, it asks the reader to stop as soon as the outcome is known: at the first hit that takes a
 * {@code max} count over its bound, or, when every rule is a {@code min} count, once all are met.
 */
final class LineProcessor implements LineSink {
    /** A line judged for the window (when the window is marked: after the start mark). */
    private static final int IN_WINDOW = 0;
    /** A line before the mark that starts the window. */
    private static final int BEFORE_MARK = 1;
    /** The line of the mark that starts the window. */
    private static final int START_MARK = 2;
    /** The line of the mark that ends the window. */
    private static final int END_MARK = 3;
    /** How many of a log's first lines its format is recognised from. */
    static final int DETECTION_LINES = 20;
    private static final int DETECTION_BYTES = 64 * 1024;

    private final SourceContext context;
    private final Tally tally;
    private final ParsedLine parsed = new ParsedLine();
    private final ParsedLine whole = new ParsedLine();
    /** The buffer of the line {@link #whole} holds, or {@code null} before the current line was read whole. */
    private byte[] wholeFor;
    private boolean wholeParsed;
    private LogFormat.LineParser parser;
    private LogFormat.LineParser fullParser;
    private List<byte[]> pendingLines = new ArrayList<>();
    private List<long[]> pendingPositions = new ArrayList<>();
    /** Each held-back line's kind: {@link #IN_WINDOW}, {@link #BEFORE_MARK}, {@link #START_MARK}, {@link #END_MARK}. */
    private List<Integer> pendingKinds = new ArrayList<>();
    private int pendingBytes;
    private int unmetMinimums;
    private String problem;
    private final WindowSaver saver;
    /** The marks that start and end the window, or {@code null} when the clock does. */
    private final MarkWatch marks;
    /**
     * Whether the lines read now are checked against the clock: once the reader caught up with a followed log, so
     * that what it reads arrives live, when the window is not marked.
     */
    private boolean watchingClock;

    LineProcessor(SourceContext context, LogFormat format, Tally tally, WindowSaver saver, MarkWatch marks) {
        this.context = context;
        this.tally = tally;
        this.saver = saver;
        this.marks = marks;
        if (format != null) {
            useFormat(format);
        }
        for (Rule rule : context.rules) {
            if (rule.expectation().isMinCount() && !rule.expectation().isDecidedBy(0)) {
                unmetMinimums++;
            }
        }
    }

    /** Why no format could be found, or {@code null}. */
    String problem() {
        return problem;
    }

    /** The reader caught up with the followed log: the lines read from now on arrive live. */
    void caughtUp() {
        watchingClock = context.watchesClock;
    }

    @Override
    public boolean line(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
        tally.read++;
        int kind = IN_WINDOW;
        MarkWatch marks = this.marks;
        if (marks != null) {
            if (!marks.startSeen()) {
                if (contains(buffer, start, end, marks.startToken)) {
                    marks.startArrived(lineNumber);
                    kind = START_MARK;
                } else {
                    kind = BEFORE_MARK;
                }
            } else if (marks.endSent() && contains(buffer, start, end, marks.endToken)) {
                marks.endArrived(lineNumber);
                kind = END_MARK;
            }
        }
        if (parser == null) {
            return hold(buffer, start, end, lineNumber, byteOffset, kind);
        }
        return process(buffer, start, end, lineNumber, byteOffset, kind);
    }

    private boolean process(byte[] buffer, int start, int end, long lineNumber, long byteOffset, int kind) {
        return switch (kind) {
            case BEFORE_MARK -> beforeWindow(buffer, start, end, lineNumber, byteOffset);
            case START_MARK -> startMark(buffer, start, end, lineNumber, byteOffset);
            case END_MARK -> endMark(buffer, start, end, lineNumber, byteOffset);
            default -> judge(buffer, start, end, lineNumber, byteOffset);
        };
    }

    /**
     * The line of the start mark: a hit before the window, whose own time ends a baseline measured in the log's time
     * and tells how far the server's clock is from this machine's.
     */
    private boolean startMark(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
        ParsedLine line = parsed;
        if (!parser.parse(buffer, start, end, line)) {
            malformed(buffer, start, end, lineNumber, byteOffset, "the start mark's line: " + line.failure());
            closeMarkedBaseline(Long.MIN_VALUE);
            return marks.problem() == null;
        }
        tally.beforeWindow++;
        long millis = line.hasTime() ? line.epochMillis() : Long.MIN_VALUE;
        if (line.hasTime()) {
            marks.startStamped(Instant.ofEpochMilli(millis));
        }
        closeMarkedBaseline(millis);
        return marks.problem() == null;
    }

    /** Ends a baseline measured in the log's time at the start mark's time, or at the latest before it without one. */
    private void closeMarkedBaseline(long markMillis) {
        MarkedBaseline baseline = tally.markedBaseline;
        if (baseline != null) {
            baseline.close(markMillis, tally.baseline, tally.baseline.timeline);
        }
    }

    /** The line of the end mark: a hit after the window, which ends it. */
    private boolean endMark(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
        if (parser.parse(buffer, start, end, parsed)) {
            tally.afterWindow++;
        } else {
            malformed(buffer, start, end, lineNumber, byteOffset, "the end mark's line: " + parsed.failure());
        }
        if (tally.decided == null) {
            tally.decided = EndReason.END_MARK;
        }
        return false;
    }

    /** Whether the line holds the token: each place of its first byte, found eight bytes at a time, is compared. */
    private static boolean contains(byte[] buffer, int start, int end, byte[] token) {
        int last = end - token.length;
        for (int i = Bytes.indexOf(buffer, start, last + 1, token[0]); i >= 0;
                i = Bytes.indexOf(buffer, i + 1, last + 1, token[0])) {
            if (Arrays.equals(buffer, i + 1, i + token.length, token, 1, token.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A line before the mark that starts the window: a hit before the window, which counts only in a baseline.
     *
     * @return {@code false} when the mark can no longer come in time
     */
    private boolean beforeWindow(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
        ParsedLine line = parsed;
        if (!parser.parse(buffer, start, end, line)) {
            malformed(buffer, start, end, lineNumber, byteOffset, end == start ? "empty line" : line.failure());
            return marks.problem() == null;
        }
        tally.beforeWindow++;
        if (line.hasTime()) {
            if (tally.markedBaseline != null) {
                tally.markedBaseline.add(line, line.epochMillis());
            } else if (tally.baseline != null) {
                countIfInBaseline(line, line.epochMillis());
            }
        }
        return marks.problem() == null;
    }

    private void malformed(byte[] buffer, int start, int end, long lineNumber, long byteOffset, String reason) {
        tally.malformed(new MalformedLine(lineNumber, byteOffset, reason,
                new String(buffer, start, Math.min(end - start, MalformedLine.MAX_TEXT), StandardCharsets.UTF_8)));
    }

    @Override
    public void tooLong(long lineNumber, long byteOffset) {
        tally.read++;
        tally.tooLong++;
        tally.malformed(new MalformedLine(lineNumber, byteOffset, "longer than " + context.maxLineBytes
                + " bytes; skipped", ""));
    }

    /**
     * Decides the format from the lines held back so far, if it is still open, and judges them. Called when the
     * input ends or goes quiet before enough lines arrived.
     *
     * @return {@code false} when reading should stop
     */
    boolean settleFormat() {
        if (parser != null || pendingLines.isEmpty()) {
            return problem == null && tally.decided == null;
        }
        String[] why = new String[1];
        LogFormat format = context.detect(pendingLines, why);
        if (format == null) {
            problem = why[0];
            return false;
        }
        useFormat(format);
        List<byte[]> lines = pendingLines;
        List<long[]> positions = pendingPositions;
        List<Integer> kinds = pendingKinds;
        pendingLines = List.of();
        pendingPositions = List.of();
        pendingKinds = List.of();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            boolean keepReading = process(line, 0, line.length, positions.get(i)[0], positions.get(i)[1],
                    kinds.get(i));
            if (!keepReading) {
                tally.read -= lines.size() - i - 1;
                return false;
            }
        }
        return true;
    }

    private void useFormat(LogFormat format) {
        parser = format.newParser(context.neededFields);
        fullParser = format.newParser();
    }

    /**
     * The hit on a line just judged, with every field: a line read only as far as the rules needed is read again
     * whole (rare: only for samples and events). A line whose skipped part does not parse keeps what was read.
     */
    private Hit hit(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
        return complete(buffer, start, end).toHit(context.source, lineNumber, byteOffset);
    }

    /**
     * The line just judged with every field: as parsed, or read again whole when the rules needed only a part (read
     * once per line however many rules ask). A line whose skipped part does not parse keeps what was read.
     */
    private ParsedLine complete(byte[] buffer, int start, int end) {
        if (parsed.isComplete()) {
            return parsed;
        }
        if (wholeFor != buffer) {
            wholeParsed = fullParser.parse(buffer, start, end, whole);
            wholeFor = buffer;
        }
        return wholeParsed ? whole : parsed;
    }

    /** Whether the format is known. */
    boolean formatKnown() {
        return parser != null;
    }

    private boolean hold(byte[] buffer, int start, int end, long lineNumber, long byteOffset, int kind) {
        boolean blank = true;
        for (int i = start; i < end && blank; i++) {
            blank = buffer[i] == ' ' || buffer[i] == '\t';
        }
        if (blank) {
            tally.malformed(new MalformedLine(lineNumber, byteOffset, "empty line", ""));
            return true;
        }
        pendingLines.add(Arrays.copyOfRange(buffer, start, end));
        pendingPositions.add(new long[] {lineNumber, byteOffset});
        pendingKinds.add(kind);
        pendingBytes += end - start;
        if (kind == END_MARK || pendingLines.size() >= DETECTION_LINES || pendingBytes >= DETECTION_BYTES) {
            return settleFormat();
        }
        return true;
    }

    /** Counts a hit stamped in the baseline before the window for each rule that selects it. */
    private void countIfInBaseline(ParsedLine line, long millis) {
        if (millis < context.baselineSinceMillis || millis >= context.baselineUntilMillis) {
            return;
        }
        BaselineTally baseline = tally.baseline;
        baseline.hits++;
        baseline.timeline.add(line.epochSecond(), line.status());
        for (int i = 0; i < context.selectors.length; i++) {
            if (context.selectors[i].matches(line)) {
                baseline.counts[i]++;
                baseline.timeline.selected(i);
                if (baseline.durations[i] != null && line.has(Field.DURATION)) {
                    baseline.durations[i].record(line.durationMicros());
                }
            }
        }
    }

    private boolean judge(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
        wholeFor = null;
        ParsedLine line = parsed;
        if (!parser.parse(buffer, start, end, line)) {
            malformed(buffer, start, end, lineNumber, byteOffset, end == start ? "empty line" : line.failure());
            return true;
        }
        SourceContext context = this.context;
        boolean timed = line.hasTime();
        if (context.timeBounded && !timed) {
            tally.malformed(new MalformedLine(lineNumber, byteOffset, "no time in the line, so the window cannot "
                    + "place it", new String(buffer, start, Math.min(end - start, MalformedLine.MAX_TEXT),
                            StandardCharsets.UTF_8)));
            return true;
        }
        long millis = 0;
        if (timed) {
            millis = line.epochMillis();
        }
        boolean outside = context.timeBounded && (millis < context.sinceMillis || millis >= context.untilMillis);
        if (watchingClock && timed) {
            tally.arrivedStamped(millis - System.currentTimeMillis(), outside);
        }
        if (outside) {
            if (millis < context.sinceMillis) {
                tally.beforeWindow++;
            } else {
                tally.afterWindow++;
            }
            if (tally.baseline != null) {
                countIfInBaseline(line, millis);
            }
            return true;
        }
        if (context.stopOn != null && context.stopOn.matches(line)) {
            tally.afterWindow++;
            Hit hit = hit(buffer, start, end, lineNumber, byteOffset);
            context.events.onEvent(new CheckEvent.Stopped(context.source, hit));
            tally.decided = EndReason.STOP_HIT;
            return false;
        }
        Tally tally = this.tally;
        tally.inWindow++;
        if (timed) {
            tally.hitTime(millis);
            tally.timeline.add(line.epochSecond(), line.status());
        }
        if (saver != null) {
            saver.save(buffer, start, end);
        }
        if (context.watch != null && context.watch.matches(line)) {
            context.events.onEvent(new CheckEvent.Selected(context.source, hit(buffer, start, end, lineNumber,
                    byteOffset)));
        }
        boolean keepReading = true;
        for (int i = 0; i < context.selectors.length; i++) {
            if (!context.selectors[i].matches(line)) {
                continue;
            }
            long count = ++tally.counts[i];
            if (timed) {
                tally.timeline.selected(i);
            }
            if (tally.durations[i] != null && line.has(Field.DURATION)) {
                tally.durations[i].record(line.durationMicros());
            }
            if (tally.groups[i] != null) {
                ParsedLine all = complete(buffer, start, end);
                tally.groups[i].add(all.text(Field.PATH), all.text(Field.REFERRER),
                        timed ? Instant.ofEpochMilli(millis) : null);
            }
            Hit hit = null;
            ExtremeHits extremes = tally.extremes[i];
            if (extremes != null) {
                if (line.has(Field.DURATION) && extremes.wants(line.durationMicros())) {
                    extremes.add(hit(buffer, start, end, lineNumber, byteOffset));
                }
            } else {
                List<Hit> samples = tally.samples.get(i);
                if (samples.size() < context.samples) {
                    hit = hit(buffer, start, end, lineNumber, byteOffset);
                    samples.add(hit);
                }
            }
            if (!context.live || tally.decided != null) {
                continue;
            }
            Expectation expectation = context.rules.get(i).expectation();
            if (!expectation.isDecidedBy(count) || expectation.isDecidedBy(count - 1)) {
                continue;
            }
            if (expectation.isMaxCount()) {
                if (hit == null) {
                    hit = hit(buffer, start, end, lineNumber, byteOffset);
                }
                context.events.onEvent(new CheckEvent.Violation(context.source, context.rules.get(i), hit));
                tally.decided = EndReason.FAILED_FAST;
                keepReading = false;
            } else if (--unmetMinimums == 0 && context.onlyMinCounts) {
                tally.decided = EndReason.PASSED_EARLY;
                keepReading = false;
            }
        }
        return keepReading;
    }
}
