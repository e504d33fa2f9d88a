package io.weblog.check;

import java.util.List;

/**
 * What looking at one source found, without reading it: whether it can be read, and how, or why not.
 *
 * @param source the source's name
 * @param readable whether a check could read it
 * @param detail how it is read and how large it is, or why it cannot be read
 * @param warnings what a person should know, such as an insecurely accepted host key
 */
public record Probe(String source, boolean readable, String detail, List<String> warnings) {
    /** Copies the warnings. */
    public Probe {
        warnings = List.copyOf(warnings);
    }

    /** The finding in one line: {@code web1:/var/log/x: connected, ...} or {@code web1:/var/log/x: no such file}. */
    public String describe() {
        return detail.contains(source) ? detail : source + ": " + detail;
    }
}
