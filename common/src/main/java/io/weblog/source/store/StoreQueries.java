package io.weblog.source.store;

import io.weblog.format.Field;
import io.weblog.rule.Filter;
import io.weblog.rule.Operator;
import io.weblog.rule.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what a check selects into the store's query language, exactly as the engine would judge the same documents
 * read one by one, or says why it cannot: a regular expression (the store's dialect is not Java's, and it matches
 * whole values), a text field the store analyses into words, a field that has several mapped alternatives.
 */
final class StoreQueries {
    private static final Set<String> EXACT_TEXT = Set.of("keyword", "constant_keyword", "wildcard");
    private static final Set<String> WHOLE_NUMBERS = Set.of("long", "integer", "short", "byte", "unsigned_long");

    private final StoreFields fields;
    private final Map<String, String> types;

    /**
     * @param fields which store fields hold which part of a hit
     * @param types the store's type of each mapped field ({@code keyword}, {@code long}, ...)
     */
    StoreQueries(StoreFields fields, Map<String, String> types) {
        this.fields = fields;
        this.types = types;
    }

    /** A selector in the store's words, or why it cannot be. */
    record Translation(Map<String, Object> query, String untranslatable) {
        boolean translated() {
            return query != null;
        }
    }

    /** Documents stamped from {@code since} (inclusive) until {@code until} (exclusive); either may be open. */
    Map<String, Object> timeRange(Instant since, Instant until) {
        Map<String, Object> bounds = Json.object("format", "strict_date_optional_time_nanos");
        if (since != null) {
            bounds.put("gte", since.toString());
        }
        if (until != null) {
            bounds.put("lt", until.toString());
        }
        return Json.object("range", Json.object(fields.time(), bounds));
    }

    /** Every document. */
    static Map<String, Object> all() {
        return Json.object("match_all", Map.of());
    }

    /** Documents that match every one of the queries. */
    static Map<String, Object> allOf(List<Map<String, Object>> queries) {
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> query : queries) {
            if (query != null && !query.containsKey("match_all")) {
                kept.add(query);
            }
        }
        if (kept.isEmpty()) {
            return all();
        }
        return kept.size() == 1 ? kept.get(0) : Json.object("bool", Json.object("filter", kept));
    }

    /** The user's filter in the store's query-string syntax. */
    static Map<String, Object> queryString(String query) {
        return Json.object("query_string", Json.object("query", query));
    }

    /**
     * What makes a document a hit when read one by one: a status, and a request (method, path, query or target)
     * where the fields map any, as the JSON log formats require of a line.
     */
    Map<String, Object> hits() {
        List<Map<String, Object>> must = new ArrayList<>();
        must.add(anyPresent(List.of(Field.STATUS)));
        List<Map<String, Object>> request = new ArrayList<>();
        for (Field part : List.of(Field.METHOD, Field.PATH, Field.QUERY, Field.REQUEST)) {
            for (String name : fields.namesOf(part)) {
                Map<String, Object> exists = Json.object("exists", Json.object("field", name));
                if (!request.contains(exists)) {
                    request.add(exists);
                }
            }
        }
        if (!request.isEmpty()) {
            must.add(Json.object("bool", Json.object("should", request, "minimum_should_match", 1)));
        }
        return allOf(must);
    }

    /** The selector as a query, when every filter translates exactly. */
    Translation translate(Selector selector) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Filter filter : selector.filters()) {
            Translation one = translate(filter);
            if (!one.translated()) {
                return one;
            }
            all.add(one.query());
        }
        return new Translation(allOf(all), null);
    }

    /** The durations a percentile is taken of: the duration field, whole numbers, or why not. */
    String durationField() {
        List<String> names = fields.namesOf(Field.DURATION).stream().filter(types::containsKey).toList();
        if (names.size() != 1) {
            return null;
        }
        return WHOLE_NUMBERS.contains(types.get(names.get(0))) ? names.get(0) : null;
    }

    private Translation translate(Filter filter) {
        Field field = filter.field();
        List<String> names = fields.namesOf(field).stream().filter(types::containsKey).toList();
        if (names.isEmpty()) {
            return new Translation(null, "no field holds " + field.ruleName());
        }
        if (field == Field.STATUS) {
            return status(filter, names);
        }
        if (field == Field.DURATION) {
            return duration(filter, names);
        }
        if (filter.operator() == Operator.MATCHES || filter.operator() == Operator.NOT_MATCHES) {
            return new Translation(null, filter + " is a Java regular expression, which the store's own dialect "
                    + "does not match alike");
        }
        if ((field == Field.PATH || field == Field.QUERY) && fields.mapped().containsKey("target")) {
            List<String> targets = fields.targetNames().stream().filter(types::containsKey).toList();
            List<String> own = new ArrayList<>(names);
            own.removeAll(targets);
            if (own.size() == 1 && targets.size() == 1) {
                return pathOrTarget(filter, field, own.get(0), targets.get(0));
            }
            if (own.isEmpty() && targets.size() == 1) {
                return fromTarget(filter, field, targets.get(0));
            }
        }
        if (names.size() > 1) {
            return new Translation(null, field.ruleName() + " comes from one of " + String.join(", ", names)
                    + ", whichever a document has");
        }
        String name = names.get(0);
        if (!EXACT_TEXT.contains(types.get(name))) {
            return new Translation(null, name + " is mapped as " + types.get(name) + ", not keyword, so the store "
                    + "cannot compare it as a whole");
        }
        return new Translation(text(filter, field, name), null);
    }

    /**
     * A path or query filter where documents may have the path (or query) field, and else the whole target: the path
     * field where a document has it, else the part of the target before (or after) {@code ?}, as the engine reads it.
     */
    private Translation pathOrTarget(Filter filter, Field field, String own, String target) {
        for (String name : List.of(own, target)) {
            if (!EXACT_TEXT.contains(types.get(name))) {
                return new Translation(null, name + " is mapped as " + types.get(name) + ", not keyword, so the "
                        + "store cannot compare it as a whole");
            }
        }
        Translation fromTarget = fromTarget(filter, field, target);
        if (!fromTarget.translated()) {
            return fromTarget;
        }
        Map<String, Object> withOwn = Json.object("bool", Json.object("filter", List.of(
                Json.object("exists", Json.object("field", own)), text(filter, field, own))));
        Map<String, Object> withoutOwn = Json.object("bool", Json.object(
                "must_not", List.of(Json.object("exists", Json.object("field", own))),
                "filter", List.of(fromTarget.query())));
        return new Translation(Json.object("bool", Json.object("should", List.of(withOwn, withoutOwn),
                "minimum_should_match", 1)), null);
    }

    /** A path or query filter on the whole target ({@code /path?query}). */
    private Translation fromTarget(Filter filter, Field field, String target) {
        if (!EXACT_TEXT.contains(types.get(target))) {
            return new Translation(null, target + " is mapped as " + types.get(target) + ", not keyword, so the "
                    + "store cannot compare it as a whole");
        }
        if (field == Field.QUERY) {
            return new Translation(null, "the query is part of " + target + " in documents without their own");
        }
        String value = filter.value();
        Map<String, Object> hasPath = Json.object("bool", Json.object("filter", List.of(
                Json.object("exists", Json.object("field", target)),
                Json.object("bool", Json.object("must_not", List.of(
                        Json.object("term", Json.object(target, "-")),
                        Json.object("prefix", Json.object(target, "?")),
                        Json.object("term", Json.object(target, ""))))))));
        Map<String, Object> equal = Json.object("bool", Json.object("should", List.of(
                Json.object("term", Json.object(target, value)),
                Json.object("prefix", Json.object(target, value + "?"))), "minimum_should_match", 1));
        boolean absent = value.equals("-");
        return switch (filter.operator()) {
            case EQUALS -> new Translation(absent ? not(hasPath) : equal, null);
            case NOT_EQUALS -> new Translation(absent ? hasPath : not(equal), null);
            case STARTS_WITH -> new Translation(Json.object("prefix", Json.object(target, value)), null);
            default -> new Translation(null, filter + " does not translate");
        };
    }

    private Map<String, Object> text(Filter filter, Field field, String name) {
        String value = filter.value();
        boolean absent = value.equals("-");
        Map<String, Object> present = present(name, field == Field.QUERY);
        return switch (filter.operator()) {
            case EQUALS -> absent ? not(present) : Json.object("term", Json.object(name, value));
            case NOT_EQUALS -> absent ? present : not(Json.object("term", Json.object(name, value)));
            case STARTS_WITH -> Json.object("prefix", Json.object(name, value));
            default -> throw new IllegalArgumentException(filter.toString());
        };
    }

    private Translation status(Filter filter, List<String> names) {
        if (names.size() != 1 || !WHOLE_NUMBERS.contains(types.get(names.get(0)))) {
            return new Translation(null, "the status field " + String.join("|", names) + " is not one field of "
                    + "whole numbers");
        }
        String name = names.get(0);
        List<Map<String, Object>> ranges = new ArrayList<>();
        for (int[] range : filter.statuses().ranges()) {
            ranges.add(range[0] == range[1] ? Json.object("term", Json.object(name, range[0]))
                    : Json.object("range", Json.object(name, Json.object("gte", range[0], "lte", range[1]))));
        }
        Map<String, Object> in = ranges.size() == 1 ? ranges.get(0)
                : Json.object("bool", Json.object("should", ranges, "minimum_should_match", 1));
        return new Translation(filter.operator() == Operator.NOT_EQUALS ? not(in) : in, null);
    }

    /**
     * A duration filter on whole numbers of the field's unit: the engine reads {@code v} units as
     * {@code floor(v * nanosPerUnit / 1000)} microseconds, so each bound becomes the smallest {@code v} that reaches
     * it.
     */
    private Translation duration(Filter filter, List<String> names) {
        String name = durationField();
        if (name == null) {
            return new Translation(null, "the duration field " + String.join("|", names) + " is not one field of "
                    + "whole numbers");
        }
        long micros = filter.micros();
        long nanosPerUnit = fields.durationNanosPerUnit();
        Map<String, Object> bounds = switch (filter.operator()) {
            case GREATER_THAN -> Json.object("gte", atLeast(micros + 1, nanosPerUnit));
            case AT_LEAST -> Json.object("gte", atLeast(micros, nanosPerUnit));
            case LESS_THAN -> Json.object("gte", 0, "lt", atLeast(micros, nanosPerUnit));
            case AT_MOST -> Json.object("gte", 0, "lt", atLeast(micros + 1, nanosPerUnit));
            default -> null;
        };
        if (bounds == null) {
            return new Translation(null, filter + " does not translate");
        }
        return new Translation(Json.object("range", Json.object(name, bounds)), null);
    }

    /** The smallest whole number of units that the engine reads as at least {@code micros} microseconds. */
    static long atLeast(long micros, long nanosPerUnit) {
        if (nanosPerUnit <= 1000) {
            return Math.multiplyExact(micros, 1000 / nanosPerUnit);
        }
        long unitsPerMicroTimes1000 = nanosPerUnit;
        return Math.floorDiv(Math.multiplyExact(micros, 1000L) + unitsPerMicroTimes1000 - 1, unitsPerMicroTimes1000);
    }

    /**
     * Present as the engine sees a value: the field has one, and it is neither {@code -} nor empty (servers log an
     * absent value as {@code -}); an empty query string is a query string.
     */
    private static Map<String, Object> present(String name, boolean emptyCounts) {
        List<Map<String, Object>> absentForms = new ArrayList<>();
        absentForms.add(Json.object("term", Json.object(name, "-")));
        if (!emptyCounts) {
            absentForms.add(Json.object("term", Json.object(name, "")));
        }
        return Json.object("bool", Json.object("filter", List.of(Json.object("exists", Json.object("field", name))),
                "must_not", absentForms));
    }

    private Map<String, Object> anyPresent(List<Field> parts) {
        List<Map<String, Object>> any = new ArrayList<>();
        for (Field part : parts) {
            for (String name : fields.namesOf(part)) {
                any.add(Json.object("exists", Json.object("field", name)));
            }
        }
        return any.size() == 1 ? any.get(0) : Json.object("bool", Json.object("should", any,
                "minimum_should_match", 1));
    }

    private static Map<String, Object> not(Map<String, Object> query) {
        return Json.object("bool", Json.object("must_not", List.of(query)));
    }
}
