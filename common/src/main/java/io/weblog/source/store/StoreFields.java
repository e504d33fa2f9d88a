package io.weblog.source.store;

import io.weblog.ConfigException;
import io.weblog.StoreSetting;
import io.weblog.format.Field;
import io.weblog.format.JsonLogFormat;
import io.weblog.format.LogFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which fields of a store's documents hold the parts of a hit. By default the Elastic Common Schema's names, as
 * Filebeat, Fluent Bit, Vector, Logstash and the OpenTelemetry collector write access logs; any of them can be
 * overridden with the entries the JSON log formats take ({@code referrer=http.request.referrer}, alternatives with
 * {@code |}, a duration's unit after {@code :}), except that a field's name is the store's whole dotted name. Where
 * only the raw line was shipped ({@code message}, {@code event.original}), {@link #line()} names that field and the
 * line is parsed by the usual log formats.
 *
 * @param time the date field windows are applied to, such as {@code @timestamp}
 * @param mapped the fields holding each part of a hit, as JSON log format entries by part; empty in line mode
 * @param line the field holding the raw log line, or {@code null} when the parts are fields
 */
public record StoreFields(String time, Map<String, String> mapped, String line) {

    /** The time field of the Elastic Common Schema. */
    public static final String ECS_TIME = "@timestamp";

    private static final Map<String, String> ECS = ecsMapping();

    /** Copies the mapping. */
    public StoreFields {
        mapped = Collections.unmodifiableMap(new LinkedHashMap<>(mapped));
    }

    /** The Elastic Common Schema's fields for HTTP access logs. */
    public static StoreFields ecs() {
        return new StoreFields(ECS_TIME, ECS, null);
    }

    private static Map<String, String> ecsMapping() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", "http.response.status_code");
        fields.put("method", "http.request.method");
        fields.put("target", "url.original");
        fields.put("path", "url.path");
        fields.put("query", "url.query");
        fields.put("referrer", "http.request.referrer");
        fields.put("agent", "user_agent.original");
        fields.put("client", "source.ip|client.ip");
        fields.put("vhost", "url.domain");
        fields.put("user", "user.name");
        fields.put("bytes", "http.response.body.bytes");
        fields.put("duration", "event.duration:ns");
        return fields;
    }

    /**
     * These fields with overrides applied: each entry {@code part=field[|field...][:unit]}, several separated by
     * commas; {@code time=field} names the date field.
     *
     * @throws ConfigException for {@link Setting#STORE_FIELD} naming the entry and what was expected
     */
    public StoreFields with(String overrides) throws ConfigException {
        Map<String, String> fields = new LinkedHashMap<>(mapped);
        String timeField = time;
        int at = 0;
        for (String entry : overrides.split(",", -1)) {
            int column = at + 1;
            at += entry.length() + 1;
            String trimmed = entry.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || equals <= 0 || equals == trimmed.length() - 1) {
                throw new ConfigException(StoreSetting.FIELD, overrides, column, "expected part=field, such as "
                        + "referrer=http.request.referrer");
            }
            String part = trimmed.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String names = trimmed.substring(equals + 1).strip();
            if (names.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
                throw new ConfigException(StoreSetting.FIELD, overrides, column, "a field name holds no spaces or "
                        + "quotes");
            }
            if (part.equals("time")) {
                if (names.contains("|") || names.contains(":")) {
                    throw new ConfigException(StoreSetting.FIELD, overrides, column, "the time is one date field, "
                            + "such as time=@timestamp");
                }
                timeField = names;
            } else if (partNames().contains(part)) {
                fields.put(part, names);
            } else {
                throw new ConfigException(StoreSetting.FIELD, overrides, column, "unknown part '" + part
                        + "'; expected one of time, " + String.join(", ", partNames()));
            }
        }
        StoreFields result = new StoreFields(timeField, fields, line);
        result.format();
        return result;
    }

    /** These fields, with documents holding the raw line in {@code field} instead, parsed by a log format. */
    public StoreFields lineIn(String field) {
        return new StoreFields(time, field == null ? mapped : Map.of(), field);
    }

    /** Whether documents hold the raw line rather than its parts. */
    public boolean isLineMode() {
        return line != null;
    }

    /** The store fields that may hold a part of a hit, first choice first; empty when none is mapped. */
    public List<String> namesOf(Field field) {
        String part = switch (field) {
            case TIME -> null;
            case REQUEST -> "request";
            default -> field.ruleName();
        };
        List<String> names = new ArrayList<>();
        if (field == Field.TIME) {
            names.add(time);
            return names;
        }
        addNames(mapped.get(part), names);
        if (field == Field.PATH || field == Field.QUERY) {
            addNames(mapped.get("target"), names);
        }
        return names;
    }

    /** The fields that may hold the whole request target ({@code /path?query}). */
    List<String> targetNames() {
        List<String> names = new ArrayList<>();
        addNames(mapped.get("target"), names);
        return names;
    }

    /** Every store field a document's hit is made from, for the search to return. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>();
        names.add(time);
        if (line != null) {
            names.add(line);
            return names;
        }
        for (String value : mapped.values()) {
            addNames(value, names);
        }
        return names;
    }

    /** The duration field's unit in nanoseconds per unit (1 for {@code :ns}), or 0 when durations are unmapped. */
    long durationNanosPerUnit() {
        String value = mapped.get("duration");
        if (value == null) {
            return 0;
        }
        int colon = value.lastIndexOf(':');
        String unit = colon < 0 ? "s" : value.substring(colon + 1);
        return switch (unit) {
            case "ns" -> 1;
            case "us" -> 1_000;
            case "ms" -> 1_000_000;
            default -> 1_000_000_000;
        };
    }

    /**
     * The JSON log format that reads a document's fields as the search returns them (one object of dotted names, each
     * with an array of values), or {@code null} in line mode.
     */
    LogFormat format() throws ConfigException {
        if (line != null) {
            return null;
        }
        StringJoiner mapping = new StringJoiner(",");
        mapping.add("time=" + quoted(time));
        for (Map.Entry<String, String> entry : mapped.entrySet()) {
            StringJoiner alternatives = new StringJoiner("|");
            for (String name : entry.getValue().split("\\|")) {
                int colon = name.lastIndexOf(':');
                alternatives.add(colon > 0 ? quoted(name.substring(0, colon)) + name.substring(colon)
                        : quoted(name));
            }
            mapping.add(entry.getKey() + "=" + alternatives);
        }
        String name = time.equals(ECS_TIME) && mapped.equals(ECS) ? "ECS fields" : "fields " + describe();
        try {
            return JsonLogFormat.fromMapping(name, mapping.toString());
        } catch (ConfigException e) {
            throw ConfigException.of(StoreSetting.FIELD, describe(), e.problem());
        }
    }

    /** The mapping as a user would write it, for messages. */
    String describe() {
        if (line != null) {
            return "time=" + time + ", line=" + line;
        }
        StringJoiner text = new StringJoiner(",");
        text.add("time=" + time);
        mapped.forEach((part, names) -> text.add(part + "=" + names));
        return text.toString();
    }

    private static String quoted(String name) {
        return '"' + name + '"';
    }

    private static void addNames(String value, List<String> names) {
        if (value == null) {
            return;
        }
        for (String name : value.split("\\|")) {
            int colon = name.lastIndexOf(':');
            String plain = colon > 0 ? name.substring(0, colon) : name;
            if (!names.contains(plain)) {
                names.add(plain);
            }
        }
    }

    private static List<String> partNames() {
        return List.of("client", "user", "method", "path", "query", "target", "request", "protocol", "status",
                "bytes", "referrer", "agent", "vhost", "duration");
    }
}
