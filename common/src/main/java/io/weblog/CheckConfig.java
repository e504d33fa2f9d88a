package io.weblog;

import io.weblog.format.Field;
import io.weblog.format.LogFormat;
import io.weblog.format.LogFormats;
import io.weblog.rule.Rule;
import io.weblog.rule.Selector;
import io.weblog.source.FileSource;
import io.weblog.source.SourceSpec;
import io.weblog.window.Durations;
import io.weblog.window.TimeBound;
import io.weblog.window.Window;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a check needs, as one immutable value: where to read, in which format, which window, which rules,
 * within which limits, and where to write reports.
 *
 * <p>Every front door builds it the same way, from the text its users typed, through {@link #builder()}: the builder's
 * methods parse rule lines, durations, instants, format names and paths, and fail with a {@link ConfigException}
 * naming the {@link Setting}, the offending text and its column. So nothing is parsed in a front door, and a bad
 * configuration fails before anything is read.
 *
 * @param sources where to read, in order; at least one
 * @param format the log format, or {@code null} to recognise it from each source's first lines
 * @param window which hits count
 * @param rules the rules; at least one
 * @param allowEmpty whether a window with no hits at all may pass
 * @param limits bounds on samples, line length and parallelism
 * @param reports where to write reports
 */
public record CheckConfig(List<SourceSpec> sources, LogFormat format, Window window, List<Rule> rules,
        boolean allowEmpty, Limits limits, ReportTargets reports) {

    /** Copies the lists and checks that nothing required is missing. */
    public CheckConfig {
        sources = List.copyOf(sources);
        rules = List.copyOf(rules);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reports, "reports");
    }

    /** A builder that reads every setting from text. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings as text, parsing each as it arrives; {@link #build()} checks how they fit together. */
    public static final class Builder {
        private final List<SourceSpec> sources = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private LogFormat format;
        private TimeBound since;
        private TimeBound until;
        private Duration follow;
        private Selector stopOn;
        private boolean allowEmpty;
        private int samples = Limits.DEFAULT_SAMPLES;
        private int maxLineBytes = Limits.DEFAULT_MAX_LINE_BYTES;
        private int parallelism = Limits.DEFAULT_PARALLELISM;
        private Path json;
        private Path junit;
        private Path html;

        private Builder() {
        }

        /** Adds a local file to read; {@code -} is standard input. */
        public Builder file(String path) throws ConfigException {
            if (path == null || path.isBlank()) {
                throw ConfigException.of(Setting.FILE, path, "the path is empty; expected a file or - for standard "
                        + "input");
            }
            if (path.equals("-")) {
                if (sources.stream().anyMatch(s -> s instanceof FileSource f && f.isStdin())) {
                    throw ConfigException.of(Setting.FILE, path, "standard input can be read only once");
                }
                sources.add(FileSource.stdin());
            } else {
                sources.add(new FileSource(path(path, Setting.FILE)));
            }
            return this;
        }

        /** Adds a source of any kind. */
        public Builder source(SourceSpec source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Sets the format by name or format string (see {@link LogFormats#parse}); {@code null} or blank means
         * "recognise it".
         */
        public Builder format(String spec) throws ConfigException {
            format = spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("auto")
                    ? null : LogFormats.parse(spec);
            return this;
        }

        /** Sets the start of the window: an ISO-8601 instant, or a duration before now. */
        public Builder since(String text) throws ConfigException {
            since = blank(text) ? null : TimeBound.parse(text, Setting.SINCE);
            return this;
        }

        /** Sets the end of the window: an ISO-8601 instant, or a duration before now. */
        public Builder until(String text) throws ConfigException {
            until = blank(text) ? null : TimeBound.parse(text, Setting.UNTIL);
            return this;
        }

        /** Follows the log live for this long, such as {@code 2m}. */
        public Builder follow(String text) throws ConfigException {
            if (blank(text)) {
                follow = null;
                return this;
            }
            Duration duration = Durations.parse(text, Setting.FOLLOW);
            if (duration.isZero()) {
                throw ConfigException.of(Setting.FOLLOW, text, "following for no time reads nothing; expected a "
                        + "duration such as 2m");
            }
            follow = duration;
            return this;
        }

        /** Ends the window at the first hit the selector matches, such as {@code path=/deploy-done}. */
        public Builder stopOn(String selector) throws ConfigException {
            stopOn = blank(selector) ? null : Selector.parse(selector, Setting.STOP_ON);
            return this;
        }

        /** Adds a rule (see {@link Rule#parse}). */
        public Builder rule(String text) throws ConfigException {
            rules.add(Rule.parse(text));
            return this;
        }

        /** Adds rules, one per element; blank elements are skipped, so a text area's empty lines do no harm. */
        public Builder rules(Collection<String> texts) throws ConfigException {
            for (String text : texts) {
                if (!blank(text)) {
                    rule(text);
                }
            }
            return this;
        }

        /** Whether a window with no hits may pass. */
        public Builder allowEmpty(boolean allow) {
            allowEmpty = allow;
            return this;
        }

        /** How many offending hits to keep per rule. */
        public Builder samples(int count) throws ConfigException {
            if (count < 0 || count > 10_000) {
                throw ConfigException.of(Setting.SAMPLES, Integer.toString(count), "expected 0 to 10000 samples");
            }
            samples = count;
            return this;
        }

        /** The longest line that is parsed: bytes, or with a unit ({@code 64KiB}, {@code 1MiB}, {@code 1m}). */
        public Builder maxLineLength(String text) throws ConfigException {
            if (blank(text)) {
                maxLineBytes = Limits.DEFAULT_MAX_LINE_BYTES;
                return this;
            }
            maxLineBytes = byteSize(text);
            return this;
        }

        /** How many sources are read at once. */
        public Builder parallelism(int sourcesAtOnce) throws ConfigException {
            if (sourcesAtOnce < 1 || sourcesAtOnce > 1000) {
                throw ConfigException.of(Setting.PARALLELISM, Integer.toString(sourcesAtOnce),
                        "expected 1 to 1000 sources at once");
            }
            parallelism = sourcesAtOnce;
            return this;
        }

        /** Writes the JSON report to this path. */
        public Builder reportJson(String path) throws ConfigException {
            json = blank(path) ? null : path(path, Setting.REPORT_JSON);
            return this;
        }

        /** Writes the JUnit XML report to this path. */
        public Builder reportJunit(String path) throws ConfigException {
            junit = blank(path) ? null : path(path, Setting.REPORT_JUNIT);
            return this;
        }

        /** Writes the HTML report to this path. */
        public Builder reportHtml(String path) throws ConfigException {
            html = blank(path) ? null : path(path, Setting.REPORT_HTML);
            return this;
        }

        /** Checks that the settings fit together and makes the configuration. */
        public CheckConfig build() throws ConfigException {
            if (sources.isEmpty()) {
                throw ConfigException.of(Setting.FILE, null, "no log to read; give a file or a host");
            }
            if (rules.isEmpty()) {
                throw ConfigException.of(Setting.RULE, null, "no rules; give at least one, such as status=5xx max=0");
            }
            if (follow != null && until != null) {
                throw ConfigException.of(Setting.UNTIL, until.toString(), "a followed window ends when following "
                        + "does; give either an end or a time to follow, not both");
            }
            if (since != null && until != null) {
                Instant now = Instant.now();
                if (!since.resolve(now).isBefore(until.resolve(now))) {
                    throw ConfigException.of(Setting.UNTIL, until.toString(), "the window ends before it starts ("
                            + since + " to " + until + ")");
                }
            }
            if (format != null && (since != null || until != null) && !format.fields().contains(Field.TIME)) {
                throw ConfigException.of(Setting.FORMAT, format.name(), "this format logs no time, so the window's "
                        + "start and end cannot be applied");
            }
            Window window = new Window(since, until, follow, stopOn);
            return new CheckConfig(sources, format, window, rules, allowEmpty,
                    new Limits(samples, maxLineBytes, parallelism), new ReportTargets(json, junit, html));
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }

        private static Path path(String text, Setting setting) throws ConfigException {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new ConfigException(setting, text, e.getIndex() + 1, "not a valid path: " + e.getReason());
            }
        }

        private static int byteSize(String text) throws ConfigException {
            String trimmed = text.strip().toLowerCase(Locale.ROOT);
            int split = 0;
            while (split < trimmed.length() && Character.isDigit(trimmed.charAt(split))) {
                split++;
            }
            if (split == 0) {
                throw ConfigException.of(Setting.MAX_LINE_LENGTH, text, "expected a size such as 65536, 64KiB or 1MiB");
            }
            long number = Long.parseLong(trimmed.substring(0, Math.min(split, 12)));
            long factor = switch (trimmed.substring(split).strip()) {
                case "", "b" -> 1;
                case "k", "kb", "kib" -> 1024;
                case "m", "mb", "mib" -> 1024 * 1024;
                default -> throw new ConfigException(Setting.MAX_LINE_LENGTH, text, split + 1,
                        "unknown unit; expected B, KiB or MiB");
            };
            long bytes = number * factor;
            if (bytes < 256 || bytes > 256L * 1024 * 1024) {
                throw ConfigException.of(Setting.MAX_LINE_LENGTH, text, "expected 256 bytes to 256MiB");
            }
            return (int) bytes;
        }
    }
}
