package io.weblog.rule;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.format.Field;
import io.weblog.format.ParsedLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which hits something is about: filters that must all match, such as {@code status=404 referrer!=-}. No filters
 * selects every hit. Used by rules, by {@code --stop-on} (the hit that ends a window) and by {@code --select}.
 */
public final class Selector {
    private static final Selector EVERY_HIT = new Selector(List.of());

    private final List<Filter> filters;
    private final Filter[] byCost;

    Selector(List<Filter> filters) {
        this.filters = List.copyOf(filters);
        List<Filter> sorted = new ArrayList<>(filters);
        sorted.sort(Comparator.comparingInt(Filter::cost));
        this.byCost = sorted.toArray(new Filter[0]);
    }

    /** The selector that selects every hit. */
    public static Selector everyHit() {
        return EVERY_HIT;
    }

    /**
     * Parses a selector: filters separated by white space, with no expectation.
     *
     * @param text the selector, such as {@code path=/deploy-done}
     * @param setting the setting it was given for, named in errors
     * @throws ConfigException with the column of the first thing that is not a filter
     */
    public static Selector parse(String text, Setting setting) throws ConfigException {
        return new RuleParser(text == null ? "" : text, setting).selectorOnly();
    }

    /** The filters, in the order written. */
    public List<Filter> filters() {
        return filters;
    }

    /** Whether this selector selects every hit. */
    public boolean selectsEveryHit() {
        return filters.isEmpty();
    }

    /** The fields the filters look at. */
    public Set<Field> fields() {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        filters.forEach(filter -> fields.add(filter.field()));
        return fields;
    }

    /** Whether every filter matches the line. */
    public boolean matches(ParsedLine line) {
        for (Filter filter : byCost) {
            if (!filter.matches(line)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return filters.stream().map(Filter::toString).collect(Collectors.joining(" "));
    }
}
