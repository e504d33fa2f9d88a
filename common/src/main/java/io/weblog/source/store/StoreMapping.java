package io.weblog.source.store;

import io.weblog.source.SourceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the indices of a pattern map the fields a check uses, from the store's field capabilities: which exist, with
 * which type. A pattern that matches no index, or a time field that is not a date, is an error here, before anything
 * is counted or read.
 *
 * @param types each mapped field's type; a field mapped with different types in different indices is
 *     {@code conflict}
 * @param timeType the time field's type
 */
record StoreMapping(Map<String, String> types, String timeType) {
    private static final Set<String> DATES = Set.of("date", "date_nanos");

    /**
     * Reads the mapping of every field the settings name, and the host field.
     *
     * @throws SourceException when no index matches, or the time field is missing or not a date
     */
    static StoreMapping read(StoreClient client, StoreSettings settings) throws SourceException,
            InterruptedException {
        List<String> names = new ArrayList<>(settings.fields().allNames());
        if (settings.hostField() != null) {
            names.add(settings.hostField());
        }
        Object answer;
        try {
            answer = client.get("/" + StoreClient.encode(settings.index()) + "/_field_caps?fields="
                    + StoreClient.encode(String.join(",", names)) + "&allow_no_indices=false"
                    + "&ignore_unavailable=false");
        } catch (StoreClient.StoreRefusal e) {
            if (e.type().equals("index_not_found_exception") || e.status() == 404) {
                throw new SourceException("no index matches " + settings.index() + " in the store at "
                        + settings.displayUrl() + " (" + e.reason() + ")", e);
            }
            throw e;
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : Json.objectAt(answer, "fields").entrySet()) {
            List<String> mapped = new ArrayList<>();
            if (field.getValue() instanceof Map<?, ?> byType) {
                for (Object type : byType.keySet()) {
                    if (!"unmapped".equals(type)) {
                        mapped.add(type.toString());
                    }
                }
            }
            if (!mapped.isEmpty()) {
                types.put(field.getKey(), mapped.size() == 1 ? mapped.get(0) : "conflict");
            }
        }
        String time = settings.fields().time();
        String timeType = types.get(time);
        if (timeType == null) {
            throw new SourceException(settings.index() + " in the store at " + settings.displayUrl() + " maps no "
                    + "field " + time + ", which windows and the order of documents need; name the date field "
                    + "with time=FIELD");
        }
        if (!DATES.contains(timeType)) {
            throw new SourceException(settings.index() + " maps " + time + " as " + timeType + ", not as a date, "
                    + "so windows cannot be applied to it");
        }
        return new StoreMapping(types, timeType);
    }

    /** Whether a field is mapped. */
    boolean has(String field) {
        return types.containsKey(field);
    }
}
