package io.weblog.cli;

import io.weblog.ConfigException;
import io.weblog.IoMessages;
import io.weblog.Setting;
import io.weblog.generate.LogGenerator;
import io.weblog.window.Durations;
import io.weblog.window.TimeBound;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weblog generate}: writes a realistic, reproducible access log, to try weblog on and to benchmark it. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, optionListHeading = "%nOptions:%n",
        description = {"Writes a realistic access log of a web shop: the status mix, clients, referrers and oddities "
                + "(IPv6, escaped quotes, TLS probes, very long lines, mixed zones) of a real site. The same seed "
                + "gives the same bytes.",
            "",
            "Example:",
            "  weblog generate --lines 1000000 --out access.log"})
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "10000",
            description = "How many lines (default: ${DEFAULT-VALUE}).")
    private long lines;

    @Option(names = "--format", paramLabel = "STYLE", defaultValue = "combined", converter = StyleName.class,
            description = "combined, common, vhost_combined, caddy or nginx-json, as verify's --format names them "
                    + "(default: combined).")
    private LogGenerator.Style style;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--start", paramLabel = "WHEN",
            description = "Time of the first line: an ISO-8601 instant, or a duration before now such as 1h "
                    + "(default: 2024-10-10T11:00:00Z).")
    private String start;

    @Option(names = "--rate", paramLabel = "HITS/S", defaultValue = "50",
            description = "Average hits per second of log time (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--no-anomalies", description = "Leave out garbage requests, very long and truncated lines.")
    private boolean noAnomalies;

    @Option(names = "--server-errors", paramLabel = "FROM,LENGTH,SHARE",
            description = "A stretch of server errors on top of the usual 0.3%%, as a failing release makes: from "
                    + "when (like --start), for how long, and the share of its hits, such as 2024-10-10T12:00:00Z,1h,1%%.")
    private String serverErrors;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; - is standard output (default).")
    private String out;

    @Override
    public Integer call() throws IOException {
        if (lines < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lines '" + lines + "': expected 0 or more");
        }
        if (!(rate > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate: expected more than 0 hits per "
                    + "second");
        }
        LogGenerator.Builder builder = LogGenerator.builder().seed(seed).format(style).hitsPerSecond(rate)
                .anomalies(!noAnomalies);
        if (start != null) {
            try {
                builder.start(TimeBound.parse(start, Setting.SINCE).resolve(Instant.now()));
            } catch (ConfigException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--start '" + start + "': "
                        + e.problem());
            }
        }
        if (serverErrors != null) {
            addServerErrors(builder);
        }
        LogGenerator generator = builder.build();
        if (out == null || out.equals("-")) {
            OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
            generator.write(stdout, lines);
            stdout.flush();
            return ExitCode.PASSED;
        }
        if (out.isBlank() || out.endsWith("/") || Files.isDirectory(Path.of(out))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out '" + out + "': names a directory; "
                    + "expected a file");
        }
        Path file = Path.of(out);
        try {
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            try (OutputStream stream = Files.newOutputStream(file)) {
                generator.write(stream, lines);
            }
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out '" + out + "': cannot write: "
                    + IoMessages.describe(e));
        }
        return ExitCode.PASSED;
    }

    private void addServerErrors(LogGenerator.Builder builder) {
        String[] parts = serverErrors.split(",", -1);
        String expected = "expected FROM,LENGTH,SHARE such as 2024-10-10T12:00:00Z,1h,1%";
        if (parts.length != 3 || !parts[2].strip().matches("\\d+(\\.\\d+)?%")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--server-errors '" + serverErrors + "': "
                    + expected);
        }
        try {
            Instant from = TimeBound.parse(parts[0], Setting.SINCE).resolve(Instant.now());
            Duration length = Durations.parse(parts[1], Setting.SINCE);
            String percent = parts[2].strip();
            double share = Double.parseDouble(percent.substring(0, percent.length() - 1)) / 100;
            if (share > 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--server-errors '" + serverErrors
                        + "': a share is at most 100%");
            }
            builder.serverErrorBurst(from, length, share);
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--server-errors '" + serverErrors + "': "
                    + e.problem() + "; " + expected);
        }
    }

    /** Reads a style by the name verify's --format gives the format ({@code nginx-json}), or by its constant. */
    static final class StyleName implements CommandLine.ITypeConverter<LogGenerator.Style> {
        @Override
        public LogGenerator.Style convert(String value) {
            for (LogGenerator.Style style : LogGenerator.Style.values()) {
                if (style.formatName().equalsIgnoreCase(value) || style.name().equalsIgnoreCase(value)) {
                    return style;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "': expected combined, common, "
                    + "vhost_combined, caddy or nginx-json");
        }
    }
}
