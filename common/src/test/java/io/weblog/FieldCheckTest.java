package io.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldCheckTest {

    @Test
    void aGoodValueOrNoneAtAllIsFine() {
        assertThat(FieldCheck.of(Setting.FOLLOW, "2m").isOk()).isTrue();
        assertThat(FieldCheck.of(Setting.FOLLOW, "").isOk()).isTrue();
        assertThat(FieldCheck.of(Setting.SINCE, "2024-10-10T13:55:36+02:00").isOk()).isTrue();
        assertThat(FieldCheck.of(Setting.HOST_KEY, "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8").isOk())
                .isTrue();
        assertThat(FieldCheck.of(Setting.JUMP, "ops@bastion:2200,inner").isOk()).isTrue();
    }

    @Test
    void aBadValueGetsTheEnginesWordsAndTheColumn() {
        FieldCheck rule = FieldCheck.of(Setting.RULE, "status=5xx mux=0");

        assertThat(rule.level()).isEqualTo(FieldCheck.Level.ERROR);
        assertThat(rule.message()).isEqualTo("unknown field 'mux'; expected one of status, path, query, referrer, "
                + "method, agent, client, vhost, user, protocol, duration (column 12)");
        assertThat(FieldCheck.of(Setting.FOLLOW, "2x").message()).startsWith("unknown unit").isNotEmpty();
        assertThat(FieldCheck.of(Setting.HOST, "deploy@web1:99999").message())
                .isEqualTo("'99999' is not a port (1 to 65535) (column 13)");
        assertThat(FieldCheck.of(Setting.SAMPLES, "many").message())
                .isEqualTo("expected a whole number of samples from 0 to 10000 (column 1)");
        assertThat(FieldCheck.of(Setting.SAMPLES, "-1").message())
                .isEqualTo("expected a whole number of samples from 0 to 10000 (column 1)");
        assertThat(FieldCheck.of(Setting.SAMPLES, "12000").message())
                .isEqualTo("expected a whole number of samples from 0 to 10000");
        assertThat(FieldCheck.of(Setting.PARALLELISM, " 8").isOk()).isTrue();
        assertThat(FieldCheck.of(Setting.ALLOW_EMPTY, "ture").message()).isEqualTo("expected true or false");
        assertThat(FieldCheck.of(Setting.SFTP, "False").isOk()).isTrue();
    }

    @Test
    void aTextAreaIsCheckedLineByLineNamingTheLine() {
        FieldCheck rules = FieldCheck.lines(Setting.RULE, "status=5xx max=0\n\nstatus=404 referer!=- max=0\n");

        assertThat(rules.message()).startsWith("line 3: unknown field 'referer'").endsWith("(column 12)");
        assertThat(FieldCheck.lines(Setting.RULE, "status=5xx max=0\r\nstatus=5xx  max=0").message())
                .isEqualTo("line 2: this rule is given twice");
        assertThat(FieldCheck.lines(Setting.HOST, "deploy@web1\ndeploy@web2:2222\n").isOk()).isTrue();
        assertThat(FieldCheck.lines(Setting.HOST, "web 1").message())
                .isEqualTo("'web 1' is not a host name or address (column 1)");
    }

    @Test
    void rulesAreRequiredOtherListsAreNot() {
        assertThat(FieldCheck.lines(Setting.RULE, " \n ").message())
                .isEqualTo("give at least one rule, such as status=5xx max=0");
        assertThat(FieldCheck.of(Setting.RULE, null).level()).isEqualTo(FieldCheck.Level.ERROR);
        assertThat(FieldCheck.lines(Setting.HOST, "").isOk()).isTrue();
        assertThat(FieldCheck.lines(Setting.FILE, null).isOk()).isTrue();
    }

    @Test
    void filesAndSecretsOfTheMachineWhereTheCheckRunsAreNotJudgedHere() {
        assertThat(FieldCheck.of(Setting.KNOWN_HOSTS, "/home/jenkins/.ssh/known_hosts").isOk()).isTrue();
        assertThat(FieldCheck.of(Setting.IDENTITY, "/no/such/key").isOk()).isTrue();
        assertThat(FieldCheck.lines(Setting.FILE, "logs/access.log\n/var/log/nginx/access.log").isOk()).isTrue();
    }
}
