package io.weblog.testing;

import io.weblog.format.Hit;
import io.weblog.format.LogFormat;
import io.weblog.format.ParsedLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Access-log lines as the Elastic Common Schema documents a shipper (Filebeat, Fluent Bit) indexes: nested objects,
 * the parts of each hit in their ECS fields, the raw line in {@code message} and {@code event.original}, and the host
 * it came from in {@code host.name}.
 */
public final class EcsDocuments {

    private EcsDocuments() {
    }

    /** One document per line that the format parses; lines that do not parse are left out. */
    public static List<String> of(LogFormat format, List<String> lines, String host) {
        LogFormat.LineParser parser = format.newParser();
        ParsedLine parsed = new ParsedLine();
        List<String> documents = new ArrayList<>();
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (parser.parse(bytes, 0, bytes.length, parsed) && parsed.hasTime()) {
                documents.add(of(parsed.toHit("-", 0, 0), host));
            }
        }
        return documents;
    }

    /** The ECS document of one hit. */
    public static String of(Hit hit, String host) {
        StringBuilder json = new StringBuilder("{");
        member(json, "@timestamp", hit.time().toInstant().toString());
        json.append(",\"http\":{\"request\":{");
        int mark = json.length();
        optional(json, "method", hit.method());
        optional(json, "referrer", hit.referrer());
        trimComma(json, mark);
        json.append("},\"response\":{\"status_code\":").append(hit.status());
        if (hit.bytes() >= 0) {
            json.append(",\"body\":{\"bytes\":").append(hit.bytes()).append('}');
        }
        json.append("}}");
        json.append(",\"url\":{");
        mark = json.length();
        optional(json, "original", hit.target());
        optional(json, "path", hit.path());
        optional(json, "query", hit.query());
        optional(json, "domain", hit.vhost());
        trimComma(json, mark);
        json.append('}');
        if (hit.agent() != null) {
            json.append(",\"user_agent\":{");
            member(json, "original", hit.agent());
            json.append('}');
        }
        if (hit.client() != null && hit.client().matches("[0-9a-fA-F.:]+")) {
            json.append(",\"source\":{");
            member(json, "ip", hit.client());
            json.append('}');
        }
        if (hit.user() != null) {
            json.append(",\"user\":{");
            member(json, "name", hit.user());
            json.append('}');
        }
        json.append(",\"event\":{");
        if (hit.duration() != null) {
            json.append("\"duration\":").append(hit.duration().toNanos()).append(',');
        }
        member(json, "original", hit.line());
        json.append('}');
        if (host != null) {
            json.append(",\"host\":{");
            member(json, "name", host);
            json.append('}');
        }
        json.append(',');
        member(json, "message", hit.line());
        return json.append('}').toString();
    }

    private static void optional(StringBuilder json, String name, String value) {
        if (value != null) {
            member(json, name, value);
            json.append(',');
        }
    }

    private static void trimComma(StringBuilder json, int from) {
        if (json.length() > from && json.charAt(json.length() - 1) == ',') {
            json.setLength(json.length() - 1);
        }
    }

    private static void member(StringBuilder json, String name, String value) {
        string(json, name);
        json.append(':');
        string(json, value);
    }

    /** A JSON string. */
    public static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
