package io.weblog.format;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * One line as a format found it: where each field lies in the line's bytes, plus the numbers already converted.
 *
 * <p>This is the engine's hot-path view of a hit. A parser fills it without allocating; rules read it through
 * {@link #slice(Field)}, which undoes the server's escaping only for a field that contains an escape and only when
 * it is asked for. One instance is reused for every line a thread parses, so it is not thread-safe and nothing may
 * keep it: {@link #toHit} makes the immutable {@link Hit} that samples and events carry.
 */
public final class ParsedLine {
    private static final int FIELDS = Field.values().length;

    private final byte[][] arrays = new byte[FIELDS][];
    private final int[] starts = new int[FIELDS];
    private final int[] ends = new int[FIELDS];
    private static final Escaping[] ESCAPINGS = Escaping.values();

    private final byte[] escapings = new byte[FIELDS];
    private static final int REQUEST_PARTS = 1 << Field.METHOD.ordinal() | 1 << Field.PATH.ordinal()
            | 1 << Field.QUERY.ordinal() | 1 << Field.PROTOCOL.ordinal();

    private int present;
    private int escaped;
    private boolean requestPending;
    private ZoneOffset lastOffset = ZoneOffset.UTC;
    private byte[] scratch = new byte[256];
    private int scratchUsed;
    private final AsciiChars asciiChars = new AsciiChars();

    private byte[] line;
    private int lineStart;
    private int lineEnd;
    private int status;
    private long bytesSent;
    private boolean hasTime;
    private long epochSecond;
    private int nanos;
    private int offsetSeconds;
    private long durationMicros;
    private String failure;
    private boolean complete;

    /** Starts a new line: forgets every field of the previous one. */
    public void reset(byte[] buffer, int start, int end) {
        if (line != buffer) {
            line = buffer;
        }
        lineStart = start;
        lineEnd = end;
        present = 0;
        escaped = 0;
        requestPending = false;
        complete = true;
        scratchUsed = 0;
        status = -1;
        bytesSent = -1;
        hasTime = false;
        durationMicros = -1;
        if (failure != null) {
            failure = null;
        }
    }

    /**
     * Records a text field found at {@code array[start..end)}, still escaped as {@code escaping} says. A value logged
     * as a lone {@code -} is the servers' way of saying "absent" and is recorded as such.
     */
    public void setText(Field field, byte[] array, int start, int end, Escaping escaping) {
        setText(field, array, start, end, escaping, escaping != Escaping.NONE);
    }

    /**
     * Like {@link #setText(Field, byte[], int, int, Escaping)}, for a parser that knows whether the value may contain
     * an escape: {@code false} when it saw no backslash while looking for the value's end, so the value is never
     * scanned again; {@code true} when it may, and then the value is looked at when first read.
     */
    public void setText(Field field, byte[] array, int start, int end, Escaping escaping, boolean hasEscapes) {
        int bit = 1 << field.ordinal();
        if (end - start == 1 && array[start] == '-' || end <= start && field != Field.QUERY) {
            present &= ~bit;
            return;
        }
        int f = field.ordinal();
        if (arrays[f] != array) {
            arrays[f] = array;
        }
        starts[f] = start;
        ends[f] = end;
        escapings[f] = (byte) escaping.ordinal();
        present |= bit;
        if (hasEscapes && escaping != Escaping.NONE) {
            escaped |= bit;
        } else {
            escaped &= ~bit;
        }
    }

    /**
     * Records a request line and splits it into method, path, query and protocol. A request line that is not
     * {@code METHOD target [PROTOCOL]} (a TLS handshake sent to a plain port, a probe) keeps only {@link Field#REQUEST}:
     * it is still a hit with its status.
     */
    public void setRequest(byte[] array, int start, int end, Escaping escaping) {
        setRequest(array, start, end, escaping, escaping != Escaping.NONE);
    }

    /**
     * Like {@link #setRequest(byte[], int, int, Escaping)}, knowing whether the request may hold an escape. The line is
     * split into its parts only when one of them is first asked for, since most rules never look at them.
     */
    public void setRequest(byte[] array, int start, int end, Escaping escaping, boolean hasEscapes) {
        setText(Field.REQUEST, array, start, end, escaping, hasEscapes);
        requestPending = has(Field.REQUEST);
    }

    /** Splits the request line into method, target and protocol; parts set by the format itself are kept. */
    private void splitRequest() {
        requestPending = false;
        int r = Field.REQUEST.ordinal();
        byte[] array = arrays[r];
        int start = starts[r];
        int end = ends[r];
        Escaping escaping = ESCAPINGS[escapings[r]];
        boolean hasEscapes = (escaped & 1 << r) != 0;
        int explicit = present & REQUEST_PARTS;
        int firstSpace = Bytes.indexOf(array, start, end, (byte) ' ');
        if (firstSpace <= start || !isToken(array, start, firstSpace)) {
            return;
        }
        int targetStart = firstSpace + 1;
        int targetEnd = end;
        int lastSpace = lastIndexOf(array, targetStart, end, (byte) ' ');
        if (lastSpace >= targetStart) {
            targetEnd = lastSpace;
            if ((explicit & 1 << Field.PROTOCOL.ordinal()) == 0) {
                setText(Field.PROTOCOL, array, lastSpace + 1, end, escaping, hasEscapes);
            }
        }
        if (targetEnd <= targetStart) {
            return;
        }
        if ((explicit & 1 << Field.METHOD.ordinal()) == 0) {
            setText(Field.METHOD, array, start, firstSpace, escaping, hasEscapes);
        }
        int pathAndQuery = 1 << Field.PATH.ordinal() | 1 << Field.QUERY.ordinal();
        if ((explicit & pathAndQuery) == 0) {
            setTarget(array, targetStart, targetEnd, escaping, hasEscapes);
        }
    }

    /** Records a request target ({@code /path?query}) as {@link Field#PATH} and {@link Field#QUERY}. */
    public void setTarget(byte[] array, int start, int end, Escaping escaping) {
        setTarget(array, start, end, escaping, escaping != Escaping.NONE);
    }

    /** Like {@link #setTarget(byte[], int, int, Escaping)}, knowing whether the target may hold an escape. */
    public void setTarget(byte[] array, int start, int end, Escaping escaping, boolean hasEscapes) {
        int question = Bytes.indexOf(array, start, end, (byte) '?');
        if (question < 0) {
            setText(Field.PATH, array, start, end, escaping, hasEscapes);
            present &= ~(1 << Field.QUERY.ordinal());
        } else {
            setText(Field.PATH, array, start, question, escaping, hasEscapes);
            setText(Field.QUERY, array, question + 1, end, escaping, hasEscapes);
        }
    }

    /** Marks a field as not logged. */
    public void setAbsent(Field field) {
        present &= ~(1 << field.ordinal());
    }

    /** Records the response status. */
    public void setStatus(int status) {
        this.status = status;
    }

    /** Records the response size; {@code -1} for "not logged". */
    public void setBytes(long bytes) {
        this.bytesSent = bytes;
    }

    /** Records when the request was received, as an instant and the UTC offset the server logged it in. */
    public void setTime(long epochSecond, int nanos, int offsetSeconds) {
        this.hasTime = true;
        this.epochSecond = epochSecond;
        this.nanos = nanos;
        this.offsetSeconds = offsetSeconds;
    }

    /** Records how long the request took, in microseconds. */
    public void setDurationMicros(long micros) {
        this.durationMicros = micros;
    }

    /** Records why the line is not a hit; always returns {@code false} so a parser can {@code return fail(...)}. */
    public boolean fail(String reason) {
        this.failure = reason;
        return false;
    }

    /**
     * Marks the line as read only as far as its parser needed: values after the last field asked for were skipped.
     */
    public void markIncomplete() {
        complete = false;
    }

    /** Whether every field of the line was read (see {@link LogFormat#newParser(java.util.Set)}). */
    public boolean isComplete() {
        return complete;
    }

    /** Why the last parse failed, or {@code null}. */
    public String failure() {
        return failure;
    }

    /** Whether the field was logged with a value. */
    public boolean has(Field field) {
        return switch (field) {
            case STATUS -> status >= 0;
            case BYTES -> bytesSent >= 0;
            case TIME -> hasTime;
            case DURATION -> durationMicros >= 0;
            default -> {
                int bit = 1 << field.ordinal();
                if (requestPending && (bit & REQUEST_PARTS) != 0) {
                    splitRequest();
                }
                yield (present & bit) != 0;
            }
        };
    }

    /** The response status, or -1. */
    public int status() {
        return status;
    }

    /** The response size, or -1. */
    public long bytes() {
        return bytesSent;
    }

    /** Whether a time was logged. */
    public boolean hasTime() {
        return hasTime;
    }

    /** Seconds since the epoch of the request time; meaningful only when {@link #hasTime()}. */
    public long epochSecond() {
        return epochSecond;
    }

    /** The nanosecond part of the request time. */
    public int nanos() {
        return nanos;
    }

    /** The request time in milliseconds since the epoch; meaningful only when {@link #hasTime()}. */
    public long epochMillis() {
        return epochSecond * 1000 + nanos / 1_000_000;
    }

    /** The UTC offset the time was logged in, in seconds. */
    public int offsetSeconds() {
        return offsetSeconds;
    }

    /** The logged duration in microseconds, or -1. */
    public long durationMicros() {
        return durationMicros;
    }

    /**
     * Makes the field's decoded bytes available through {@link #array}, {@link #start} and {@link #end}; returns
     * {@code false} when the field is absent. Decoding happens at most once per field and line.
     */
    public boolean slice(Field field) {
        int bit = 1 << field.ordinal();
        if (requestPending && (bit & REQUEST_PARTS) != 0) {
            splitRequest();
        }
        if ((present & bit) == 0) {
            return false;
        }
        if ((escaped & bit) != 0) {
            int f = field.ordinal();
            if (!Bytes.contains(arrays[f], starts[f], ends[f], (byte) '\\')) {
                escaped &= ~bit;
                return true;
            }
            int length = ends[f] - starts[f];
            if (scratchUsed + length > scratch.length) {
                growScratch(length);
            }
            int decodedEnd = ESCAPINGS[escapings[f]].decode(arrays[f], starts[f], ends[f], scratch, scratchUsed);
            arrays[f] = scratch;
            starts[f] = scratchUsed;
            ends[f] = decodedEnd;
            scratchUsed = decodedEnd;
            escaped &= ~bit;
        }
        return true;
    }

    /** The array holding the field's bytes after {@link #slice(Field)} returned {@code true}. */
    public byte[] array(Field field) {
        return arrays[field.ordinal()];
    }

    /** Where the field's bytes start after {@link #slice(Field)} returned {@code true}. */
    public int start(Field field) {
        return starts[field.ordinal()];
    }

    /** Where the field's bytes end (exclusive) after {@link #slice(Field)} returned {@code true}. */
    public int end(Field field) {
        return ends[field.ordinal()];
    }

    /** The decoded text of a text field, or {@code null} when absent; invalid UTF-8 becomes U+FFFD. */
    public String text(Field field) {
        if (!slice(field)) {
            return null;
        }
        int f = field.ordinal();
        return new String(arrays[f], starts[f], ends[f] - starts[f], StandardCharsets.UTF_8);
    }

    /**
     * The decoded text as a {@link CharSequence} for regular expressions, without copying when the value is ASCII.
     * Valid until the next call of this method or the next line.
     */
    public CharSequence chars(Field field) {
        if (!slice(field)) {
            return null;
        }
        int f = field.ordinal();
        byte[] array = arrays[f];
        int start = starts[f];
        int end = ends[f];
        for (int i = start; i < end; i++) {
            if (array[i] < 0) {
                return new String(array, start, end - start, StandardCharsets.UTF_8);
            }
        }
        asciiChars.wrap(array, start, end);
        return asciiChars;
    }

    /** The raw line, without its terminator, as text (invalid UTF-8 becomes U+FFFD). */
    public String lineText() {
        return new String(line, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /** The request time as an {@link OffsetDateTime}, or {@code null}. */
    public OffsetDateTime time() {
        if (!hasTime) {
            return null;
        }
        if (lastOffset.getTotalSeconds() != offsetSeconds) {
            lastOffset = ZoneOffset.ofTotalSeconds(offsetSeconds);
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond, nanos), lastOffset);
    }

    /** Materialises every field as an immutable {@link Hit} at the given position. */
    public Hit toHit(String source, long lineNumber, long byteOffset) {
        return new Hit(time(), text(Field.CLIENT), text(Field.USER), text(Field.METHOD), text(Field.PATH),
                text(Field.QUERY), text(Field.PROTOCOL), text(Field.REQUEST), status, bytesSent,
                text(Field.REFERRER), text(Field.AGENT), text(Field.VHOST),
                durationMicros < 0 ? null : Duration.ofNanos(durationMicros * 1000), lineText(),
                new Hit.Position(source, lineNumber, byteOffset));
    }

    private void growScratch(int needed) {
        scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchUsed + needed));
        // Fields decoded earlier point into the old scratch array, which stays valid because arrays[] keeps it.
    }

    private static boolean isToken(byte[] array, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = array[i];
            if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '-' || b == '_')) {
                return false;
            }
        }
        return true;
    }

    static int lastIndexOf(byte[] array, int start, int end, byte b) {
        for (int i = end - 1; i >= start; i--) {
            if (array[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A reusable view of ASCII bytes as characters. */
    private static final class AsciiChars implements CharSequence {
        private byte[] array;
        private int start;
        private int length;

        void wrap(byte[] array, int start, int end) {
            this.array = array;
            this.start = start;
            this.length = end - start;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) array[start + index];
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return toString().substring(from, to);
        }

        @Override
        public String toString() {
            return new String(array, start, length, StandardCharsets.ISO_8859_1);
        }
    }
}
