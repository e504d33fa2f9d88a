package io.weblog.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.check.CheckEvent;
import io.weblog.check.EndReason;
import io.weblog.check.Outcome;
import io.weblog.check.SourceVerdict;
import io.weblog.rule.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private static final Instant NOW = Instant.parse("2024-10-10T12:00:00Z");

    private final List<String> lines = new ArrayList<>();
    private final MutableClock clock = new MutableClock();

    private EventLog log(Duration progressInterval) {
        return new EventLog((level, text) -> lines.add(level + " " + text), progressInterval, clock);
    }

    @Test
    void saysWhatHappensInOneLineEachWithItsLevel() throws Exception {
        EventLog log = log(Duration.ZERO);
        log.onEvent(new CheckEvent.Connected("web1:/var/log/x", "shell and tail, host key ssh-ed25519 SHA256:abc"));
        log.onEvent(new CheckEvent.FormatDetected("web1:/var/log/x", "combined", 20, 20));
        log.onEvent(new CheckEvent.Following("web1:/var/log/x", NOW.plusSeconds(120)));
        log.onEvent(new CheckEvent.Rotated("web1:/var/log/x", "renamed; following the new file"));
        log.onEvent(new CheckEvent.Reconnecting("web1:/var/log/x", 1, "the connection dropped"));
        log.onEvent(new CheckEvent.Violation("web1:/var/log/x", Rule.parse("status=5xx max=0"),
                Verdicts.hit(7, "/checkout", null, 502, "https://shop.example.com/cart", "agent", "raw")));
        log.onEvent(new CheckEvent.Warning("", "INSECURE: accepted any host key"));

        assertThat(lines).containsExactly(
                "INFO web1:/var/log/x: connected, shell and tail, host key ssh-ed25519 SHA256:abc",
                "INFO web1:/var/log/x: format combined (recognised from 20 of its first 20 lines)",
                "INFO web1:/var/log/x: following until 12:02:00 (2m)",
                "INFO web1:/var/log/x: log rotated: renamed; following the new file",
                "WARNING web1:/var/log/x: the connection dropped; reconnecting (attempt 1)",
                "ERROR web1:/var/log/x: rule 'status=5xx max=0' failed at line 7: 13:55:36+02:00  502 GET /checkout"
                        + " <- https://shop.example.com/cart",
                "WARNING warning: INSECURE: accepted any host key");
    }

    @Test
    void saysNothingPerHitAndNothingForASourceThatEndedWell() throws Exception {
        EventLog log = log(Duration.ZERO);
        log.onEvent(new CheckEvent.Selected("x", Verdicts.hit(1, "/", null, 200, null, "a", "raw")));
        log.onEvent(new CheckEvent.Opened("x", "/var/log/x, 12 KiB"));
        log.onEvent(new CheckEvent.Finished("x", Verdicts.failing().sources().get(0)));

        assertThat(lines).isEmpty();
    }

    @Test
    void namesTheErrorOfASourceThatCouldNotBeRead() throws Exception {
        SourceVerdict unread = Verdicts.change(Verdicts.failing().sources().get(0), Outcome.ERROR, null, null,
                EndReason.ERROR, "no such file: /var/log/x");
        log(Duration.ZERO).onEvent(new CheckEvent.Finished("/var/log/x", unread));

        assertThat(lines).containsExactly("ERROR /var/log/x: no such file: /var/log/x");
    }

    @Test
    void showsProgressOnlyWhileFollowingAndAtMostOncePerInterval() {
        EventLog log = log(Duration.ofSeconds(30));
        log.onEvent(new CheckEvent.Progress("x", 1_000_000, 200_000_000, 999_000));
        assertThat(lines).as("reading back, before following").isEmpty();

        log.onEvent(new CheckEvent.Following("x", NOW.plusSeconds(600)));
        log.onEvent(new CheckEvent.Progress("x", 1_200_000, 0, 1_100_000));
        clock.advance(Duration.ofSeconds(10));
        log.onEvent(new CheckEvent.Progress("x", 1_200_010, 0, 1_100_010));
        clock.advance(Duration.ofSeconds(20));
        log.onEvent(new CheckEvent.Progress("x", 1_200_020, 0, 1_100_020));

        assertThat(lines).containsExactly(
                "INFO x: following until 12:10:00 (10m)",
                "INFO x: 1,200,000 lines, 1,100,000 hits in the window",
                "INFO x: 1,200,020 lines, 1,100,020 hits in the window");
    }

    @Test
    void countsOneLineAndOneHitInTheSingular() {
        EventLog log = log(Duration.ZERO);
        log.onEvent(new CheckEvent.Following("x", NOW.plusSeconds(60)));
        log.onEvent(new CheckEvent.Progress("x", 1, 100, 1));

        assertThat(lines).endsWith("INFO x: 1 line, 1 hit in the window");
    }

    @Test
    void makesTextFromTheLogSafeForATerminal() {
        log(Duration.ZERO).onEvent(new CheckEvent.Rotated("x\u001b[2J", "renamed"));

        assertThat(lines).containsExactly("INFO x?[2J: log rotated: renamed");
    }

    @Test
    void givesTheDateWhenFollowingEndsOnAnotherDay() {
        log(Duration.ZERO).onEvent(new CheckEvent.Following("x", NOW.plus(Duration.ofDays(2))));

        assertThat(lines).containsExactly("INFO x: following until 2024-10-12 12:00:00 (2d)");
    }

    /** A clock in UTC that moves only when told to. */
    private static final class MutableClock extends Clock {
        private Instant now = NOW;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
