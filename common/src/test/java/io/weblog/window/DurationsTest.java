package io.weblog.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "1h30m, PT1H30M", "500ms, PT0.5S",
        "1.5h, PT1H30M", "PT10M, PT10M", "2 minutes, PT2M", "1w, PT168H"})
    void readsDurationsAsPeopleWriteThem(String text, String expected) throws ConfigException {
        assertThat(Durations.parse(text, Setting.FOLLOW)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"10 | 3 | needs a unit", "10x | 3 | unknown unit 'x'", "m | 1 | expected a number",
        "PT | 0 | ISO-8601", "'' | 0 | empty"})
    void saysWhatIsWrongWithADuration(String text, int column, String problem) {
        assertThatThrownBy(() -> Durations.parse(text, Setting.FOLLOW))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.FOLLOW);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.problem()).contains(problem);
                });
    }

    @Test
    void formatsDurationsCompactly() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void readsTimeBoundsAsInstantsWithZonesOrDurationsAgo() throws ConfigException {
        Instant now = Instant.parse("2024-10-10T12:00:00Z");
        assertThat(TimeBound.parse("30m", Setting.SINCE).resolve(now)).isEqualTo(Instant.parse("2024-10-10T11:30:00Z"));
        assertThat(TimeBound.parse("2024-10-10T13:55:36+02:00", Setting.SINCE).resolve(now))
                .isEqualTo(Instant.parse("2024-10-10T11:55:36Z"));
        assertThat(TimeBound.parse("2024-10-10T11:55:36Z", Setting.SINCE).instant())
                .isEqualTo(Instant.parse("2024-10-10T11:55:36Z"));
        assertThat(TimeBound.parse("2024-10-10T13:55:36+02:00[Europe/Paris]", Setting.SINCE).instant())
                .isEqualTo(Instant.parse("2024-10-10T11:55:36Z"));
    }

    @Test
    void refusesInstantsWithoutAZone() {
        assertThatThrownBy(() -> TimeBound.parse("2024-10-10T13:55:36", Setting.UNTIL))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.UNTIL);
                    assertThat(e.problem()).contains("with a zone");
                    assertThat(e.column()).isEqualTo(20);
                });
    }
}
