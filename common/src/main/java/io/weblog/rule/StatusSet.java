package io.weblog.rule;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.util.Arrays;

/**
 * A set of status codes written as {@code 404}, {@code 4xx}, {@code 500-599} or a comma list of those
 * ({@code 301,302,404}). Membership is one bit test.
 */
public final class StatusSet {
    private static final int LIMIT = 1000;

    private final boolean[] codes;
    private final String text;

    private StatusSet(boolean[] codes, String text) {
        this.codes = codes;
        this.text = text;
    }

    /**
     * Parses a status value.
     *
     * @param text the value as written
     * @param setting the setting it was given for, for the error
     * @param input the whole input the value is part of, for the error
     * @param column the 1-based column of the value within the input
     */
    static StatusSet parse(String text, Setting setting, String input, int column) throws ConfigException {
        boolean[] codes = new boolean[LIMIT];
        int itemStart = 0;
        while (itemStart <= text.length()) {
            int comma = text.indexOf(',', itemStart);
            int itemEnd = comma < 0 ? text.length() : comma;
            String item = text.substring(itemStart, itemEnd);
            int itemColumn = column + itemStart;
            if (item.matches("[1-9]xx") || item.matches("[1-9]XX")) {
                int base = (item.charAt(0) - '0') * 100;
                Arrays.fill(codes, base, base + 100, true);
            } else if (item.matches("\\d{3}-\\d{3}")) {
                int low = Integer.parseInt(item.substring(0, 3));
                int high = Integer.parseInt(item.substring(4));
                if (low > high) {
                    throw new ConfigException(setting, input, itemColumn,
                            "status range " + item + " runs backwards; expected low-high such as 500-599");
                }
                Arrays.fill(codes, low, high + 1, true);
            } else if (item.matches("\\d{3}")) {
                codes[Integer.parseInt(item)] = true;
            } else {
                throw new ConfigException(setting, input, itemColumn, "'" + item + "' is not a status; expected a "
                        + "code (404), a class (4xx), a range (500-599) or a comma list of those");
            }
            if (comma < 0) {
                break;
            }
            itemStart = comma + 1;
        }
        return new StatusSet(codes, text);
    }

    /**
     * The codes in the set as runs of consecutive codes, each {@code {low, high}} inclusive, in ascending order: for
     * a log store that selects statuses itself.
     */
    public java.util.List<int[]> ranges() {
        java.util.List<int[]> ranges = new java.util.ArrayList<>();
        for (int code = 0; code < LIMIT; code++) {
            if (codes[code]) {
                int low = code;
                while (code + 1 < LIMIT && codes[code + 1]) {
                    code++;
                }
                ranges.add(new int[] {low, code});
            }
        }
        return ranges;
    }

    /** Whether the status is in the set. */
    public boolean contains(int status) {
        return status >= 0 && status < LIMIT && codes[status];
    }

    @Override
    public String toString() {
        return text;
    }
}
