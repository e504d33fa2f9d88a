package io.weblog.rule;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.format.Field;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * A rule of a check: an optional label, a selector and an expectation, written as one line of text in the same
 * grammar everywhere ({@code broken-links: status=404 referrer^=https://shop.example.com/ max=0}).
 *
 * @param label the label before {@code :}, or {@code null}
 * @param text the rule as written, trimmed
 * @param selector which hits the rule is about
 * @param expectation what it expects of them
 */
public record Rule(String label, String text, Selector selector, Expectation expectation) implements Serializable {

    /**
     * Parses a rule.
     *
     * <pre>
     * rule        := [label ':'] filter* expectation
     * filter      := field op value          (all filters must match; none = every hit)
     * field       := status | path | query | referrer | method | agent | client | vhost | user | protocol
     * op          := '=' | '!=' | '^=' (starts with) | '~' (regex find) | '!~'
     * value       := word | "double quoted"  ('-' means absent: referrer=- / referrer!=-)
     * status vals := 404 | 4xx | 500-599 | 301,302,404
     * expectation := max=N | min=N | max=P% | min=P%
     * </pre>
     *
     * @throws ConfigException for {@link Setting#RULE}, with the column and what was expected there
     */
    public static Rule parse(String text) throws ConfigException {
        return new RuleParser(text == null ? "" : text, Setting.RULE).rule();
    }

    /** How the rule is named in reports: its label, or its text when it has none. */
    public String name() {
        return label != null ? label : text;
    }

    /** Whether the rule reads how long requests took: a duration filter, or a percentile expectation. */
    public boolean needsDuration() {
        return selector.fields().contains(Field.DURATION) || expectation.measure() == Expectation.Measure.PERCENTILE;
    }

    /** The rule without its label: the filters and the expectation. */
    public String condition() {
        return selector.selectsEveryHit() ? expectation.text() : selector + " " + expectation.text();
    }

    @Override
    public String toString() {
        return text;
    }

    /** A rule travels (to a build server, from an agent) as its text, and is parsed again where it arrives. */
    private Object writeReplace() {
        return new Written(text);
    }

    /** A rule as serialized: its text. */
    private record Written(String text) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            try {
                return Rule.parse(text);
            } catch (ConfigException e) {
                throw new InvalidObjectException("not a rule: " + e.getMessage());
            }
        }
    }
}
