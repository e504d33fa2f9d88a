package io.weblog.maven;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How this plugin's users know each setting of a check: as a parameter in the POM ({@code <follow>}) or as its user
 * property on the command line ({@code -Dweblog.follow}). One table of the goal's parameters, so that a message names
 * a parameter the way the user gave it, and a new parameter is one more row.
 *
 * <p>A value came from the property when the build was given that property and the value is the property's (the POM
 * wins over a property, so a value that differs came from the POM): then the message names {@code -Dweblog.follow};
 * otherwise the element and its property, {@code <follow> (-Dweblog.follow)}. Rules also come numbered, one property
 * each ({@code -Dweblog.rule.1}, {@code -Dweblog.rule.2}), since a rule holds commas and a list property could not
 * tell them apart.
 */
final class ParameterNames {
    /** The user property of one more rule; numbered ones ({@code weblog.rule.1}) add as many as are given. */
    static final String RULE_PROPERTY = "weblog.rule";
    private static final Pattern NUMBERED_RULE = Pattern.compile(Pattern.quote(RULE_PROPERTY) + "\\.(.*)");

    /**
     * One parameter of the goal.
     *
     * @param element its name in the POM
     * @param property its user property, or {@code null} when it has none
     * @param list whether it is a list, which a property gives as comma-separated values
     * @param settings the settings of a check it gives
     */
    private record Parameter(String element, String property, boolean list, List<Setting> settings) {
    }

    private static final List<Parameter> PARAMETERS = List.of(
            parameter("files", true, Setting.FILE),
            parameter("hosts", true, Setting.HOST),
            parameter("log", false, Setting.LOG),
            parameter("format", false, Setting.FORMAT),
            new Parameter("rules", null, true, List.of(Setting.RULE)),
            parameter("rule", false, Setting.RULE),
            parameter("since", false, Setting.SINCE),
            parameter("until", false, Setting.UNTIL),
            parameter("follow", false, Setting.FOLLOW),
            parameter("stopOn", false, Setting.STOP_ON),
            parameter("mark", false, Setting.MARK),
            parameter("markTimeout", false, Setting.MARK_TIMEOUT),
            parameter("baseline", false, Setting.BASELINE),
            parameter("significance", false, Setting.SIGNIFICANCE),
            parameter("allowEmpty", false, Setting.ALLOW_EMPTY),
            parameter("groups", false, Setting.GROUPS),
            parameter("samples", false, Setting.SAMPLES),
            parameter("maxLineLength", false, Setting.MAX_LINE_LENGTH),
            parameter("parallelism", false, Setting.PARALLELISM),
            parameter("identities", true, Setting.IDENTITY),
            parameter("knownHosts", false, Setting.KNOWN_HOSTS),
            parameter("hostKey", true, Setting.HOST_KEY),
            parameter("acceptNewHostKey", false, Setting.ACCEPT_NEW_HOST_KEY),
            parameter("insecureAcceptAnyHostKey", false, Setting.INSECURE_ACCEPT_ANY_HOST_KEY),
            parameter("jump", false, Setting.JUMP),
            parameter("connectTimeout", false, Setting.CONNECT_TIMEOUT),
            parameter("sftp", false, Setting.SFTP),
            parameter("saveWindow", false, Setting.SAVE_WINDOW),
            parameter("serverId", false),
            parameter("skip", false),
            parameter("failOnViolation", false),
            parameter("reportDirectory", false, Setting.REPORT_JSON, Setting.REPORT_JUNIT, Setting.REPORT_HTML));

    private final Properties given;

    /**
     * @param given the user properties of the build ({@code -D} on the command line), or {@code null} for none
     */
    ParameterNames(Properties given) {
        this.given = given == null ? new Properties() : given;
    }

    private static Parameter parameter(String element, boolean list, Setting... settings) {
        return new Parameter(element, "weblog." + element, list, List.of(settings));
    }

    /** The parameter that a mistake is about, named the way the user gave the offending value. */
    String of(ConfigException mistake) {
        Setting setting = mistake.setting();
        String input = mistake.input();
        switch (setting) {
            case USER:
                return "the <server>'s <username> in settings.xml";
            case PASSWORD:
                return "the <server>'s <password> in settings.xml";
            case PASSPHRASE:
                return "the <server>'s <passphrase> in settings.xml";
            case HOST_KEY_POLICY:
                return of("acceptNewHostKey", null) + " and " + of("insecureAcceptAnyHostKey", null);
            case RULE:
                String numbered = numberedRuleGiving(input);
                if (numbered != null) {
                    return "-D" + numbered;
                }
                break;
            default:
                break;
        }
        List<Parameter> candidates = PARAMETERS.stream().filter(p -> p.settings().contains(setting)).toList();
        if (candidates.isEmpty()) {
            return setting.name();
        }
        for (Parameter candidate : candidates) {
            if (givenAsProperty(candidate, input)) {
                return "-D" + candidate.property();
            }
        }
        if (setting == Setting.RULE && input == null) {
            return "<rules>, -D" + RULE_PROPERTY + " or -D" + RULE_PROPERTY + ".1, -D" + RULE_PROPERTY + ".2, ...";
        }
        Parameter parameter = candidates.get(0);
        String name = input != null || parameter.property() == null ? both(parameter)
                : "<" + parameter.element() + "> or -D" + parameter.property();
        return setting == Setting.IDENTITY ? name + " or the <server>'s <privateKey> in settings.xml" : name;
    }

    /**
     * A parameter of the goal by its element, named the way the user gave this value: {@code -Dweblog.serverId}
     * when it came from the property, else {@code <serverId> (-Dweblog.serverId)}.
     *
     * @param input the value, or {@code null} to name the parameter both ways
     */
    String of(String element, String input) {
        Parameter parameter = PARAMETERS.stream().filter(p -> p.element().equals(element)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + element));
        return input != null && givenAsProperty(parameter, input) ? "-D" + parameter.property() : both(parameter);
    }

    /**
     * The rules given as numbered properties, {@code -Dweblog.rule.1=...}, in the order of their numbers.
     *
     * @throws IllegalArgumentException naming a property that starts like one but is not numbered
     */
    Map<Integer, String> numberedRules() {
        Map<Integer, String> rules = new TreeMap<>();
        for (String name : given.stringPropertyNames()) {
            Matcher numbered = NUMBERED_RULE.matcher(name);
            if (!numbered.matches()) {
                continue;
            }
            String number = numbered.group(1);
            if (!number.matches("[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException("-D" + name + ": number each rule from 1, such as -D"
                        + RULE_PROPERTY + ".1='status=5xx max=0' -D" + RULE_PROPERTY + ".2='status=404 max=0'");
            }
            rules.put(Integer.valueOf(number), given.getProperty(name));
        }
        return rules;
    }

    /** The property of a numbered rule whose text is this, or {@code null}. */
    private String numberedRuleGiving(String input) {
        if (input == null) {
            return null;
        }
        return given.stringPropertyNames().stream().sorted()
                .filter(name -> NUMBERED_RULE.matcher(name).matches() && sameText(given.getProperty(name), input))
                .findFirst().orElse(null);
    }

    /** Whether the value came from the parameter's property: the build was given it, and the value is its own. */
    private boolean givenAsProperty(Parameter parameter, String input) {
        if (parameter.property() == null || input == null) {
            return false;
        }
        String value = given.getProperty(parameter.property());
        if (value == null) {
            return false;
        }
        if (sameText(value, input)) {
            return true;
        }
        return parameter.list() && Arrays.stream(value.split(",")).anyMatch(item -> sameText(item, input));
    }

    private static boolean sameText(String value, String input) {
        return Objects.equals(value.strip(), input.strip());
    }

    private static String both(Parameter parameter) {
        return "<" + parameter.element() + ">" + (parameter.property() == null ? "" : " (-D" + parameter.property()
                + ")");
    }

    /** Every parameter's element and property, for documentation and tests. */
    static List<String> elements() {
        List<String> elements = new ArrayList<>();
        PARAMETERS.forEach(p -> elements.add(p.element()));
        return elements;
    }
}
