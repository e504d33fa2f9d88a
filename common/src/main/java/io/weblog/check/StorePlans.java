package io.weblog.check;

import io.weblog.CheckConfig;
import io.weblog.format.Field;
import io.weblog.rule.Expectation;
import io.weblog.source.SourceResources;
import io.weblog.source.SourceSpec;
import io.weblog.source.store.CountRequest;
import io.weblog.source.store.StoreSource;
import io.weblog.window.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets each log store among a check's sources plan its part before the check reads: a store becomes one source per
 * host (its host field's values), each counted by the store itself where the check allows it.
 */
final class StorePlans {

    private StorePlans() {
    }

    /** The check's sources with every store replaced by the sources it plans. */
    static List<SourceSpec> expand(CheckConfig config, Window.Resolved window, SourceResources resources)
            throws InterruptedException {
        List<SourceSpec> sources = new ArrayList<>();
        for (SourceSpec spec : config.sources()) {
            if (spec instanceof StoreSource store) {
                sources.addAll(store.plan(request(config, window, spec), resources));
            } else {
                sources.add(spec);
            }
        }
        return sources;
    }

    private static CountRequest request(CheckConfig config, Window.Resolved window, SourceSpec spec) {
        SourceContext context = new SourceContext(spec.displayName(), config, window, event -> { }, true);
        java.util.Set<Field> needed = context.neededFields;
        if (config.watch() != null) {
            needed = java.util.EnumSet.noneOf(Field.class);
            needed.addAll(config.watch().fields());
            needed.add(Field.TIME);
            needed.add(Field.STATUS);
            for (io.weblog.rule.Rule rule : config.rules()) {
                needed.addAll(rule.selector().fields());
            }
        }
        return new CountRequest(config.rules(), needed, context.readSince, context.since, window.until(),
                window.baseline() == null ? null : window.baseline().since(),
                window.baseline() == null ? null : window.baseline().until(), streamReason(config),
                config.limits().samples(), config.groupAll());
    }

    /** Why a check must read a store's documents one by one whatever its rules, or {@code null}. */
    private static String streamReason(CheckConfig config) {
        if (config.window().follow() != null) {
            return "following";
        }
        if (config.window().stopOn() != null) {
            return "a hit stops the window";
        }
        if (config.watch() != null) {
            return "hits are shown as they are read";
        }
        if (config.saveWindow() != null) {
            return "the window is saved";
        }
        if (config.sources().size() > 1 && config.rules().stream().anyMatch(rule ->
                rule.expectation().measure() == Expectation.Measure.PERCENTILE)) {
            return "a percentile over several sources needs every duration";
        }
        return null;
    }
}
