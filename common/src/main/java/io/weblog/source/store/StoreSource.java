package io.weblog.source.store;

import io.weblog.ConfigException;
import io.weblog.format.LogFormat;
import io.weblog.source.LogReader;
import io.weblog.source.SourceException;
import io.weblog.source.SourceResources;
import io.weblog.source.SourceSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Access logs that live in a log store (OpenSearch or Elasticsearch): the documents of an index pattern, optionally
 * filtered, each one hit. Before a check reads it, {@link #plan} looks at the store once: which store answers, whether
 * the index and the fields the rules need are mapped, which hosts logged in the window (each gets its own verdict,
 * as SSH hosts do), and, where every rule translates into the store's query language, counts the whole check in one
 * aggregation request. Otherwise each host's documents are read in time order and judged one by one, as lines are.
 */
public final class StoreSource implements SourceSpec {
    private final StoreSettings settings;
    private final String host;
    private final Map<String, String> types;
    private final StoreCounts counted;
    private final String how;
    private final String failure;

    /** The documents of a store, as configured. */
    public StoreSource(StoreSettings settings) {
        this(settings, null, null, null, null, null);
    }

    private StoreSource(StoreSettings settings, String host, Map<String, String> types, StoreCounts counted,
            String how, String failure) {
        this.settings = settings;
        this.host = host;
        this.types = types;
        this.counted = counted;
        this.how = how;
        this.failure = failure;
    }

    /** How the store is read: its URL, index pattern, query and fields. */
    public StoreSettings settings() {
        return settings;
    }

    /** The value of the host field this source's documents have, or {@code null} when it is not split by host. */
    public String host() {
        return host;
    }

    /**
     * What the store counted for this source in its aggregations, or {@code null} when the documents are read one by
     * one.
     */
    public StoreCounts counted() {
        return counted;
    }

    /** How the source is counted or read, for a person: {@code counted in the store (one aggregation request)}. */
    public String how() {
        return how;
    }

    /**
     * Looks at the store for a check and returns the sources to judge: one per host (per value of the host field
     * among the documents in the range read), or this one when documents are judged together; each counted by the
     * store when the check allows it. When the store cannot be read, the one source returned fails with the reason
     * when it is read.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    public List<StoreSource> plan(CountRequest request, SourceResources resources) throws InterruptedException {
        try {
            return new StorePlanner(this, client(resources), request).plan();
        } catch (SourceException e) {
            return List.of(failed(e.getMessage()));
        }
    }

    /** This source, failing with {@code message} when read. */
    StoreSource failed(String message) {
        return new StoreSource(settings, host, types, null, null, message);
    }

    /** This source restricted to documents of one host, read or counted as said. */
    StoreSource forHost(String value, Map<String, String> mappedTypes, StoreCounts counts, String howCounted) {
        return new StoreSource(settings, value, mappedTypes, counts, howCounted, null);
    }

    /** The store's type of each field the check uses, once planned; else {@code null}. */
    Map<String, String> types() {
        return types;
    }

    /**
     * The format a document's fields are read with: the JSON log format of {@link StoreFields}, or {@code null} in line
     * mode, where the lines are in a log format of their own.
     */
    @Override
    public LogFormat format() {
        try {
            return settings.fields().format();
        } catch (ConfigException e) {
            throw new IllegalStateException("the store's field mapping was checked when configured", e);
        }
    }

    /** The host a {@code {host}} in a mark's URL stands for: this source's host. */
    @Override
    public String markHost() {
        return host;
    }

    @Override
    public String displayName() {
        String name = settings.displayUrl() + "/" + settings.index();
        if (settings.query() != null) {
            name += " (" + settings.query() + ")";
        }
        return host == null ? name : name + " " + settings.hostField() + "=" + host;
    }

    @Override
    public LogReader newReader(SourceResources resources) {
        if (failure != null) {
            return (splitter, control) -> {
                throw new SourceException(failure);
            };
        }
        return new StoreReader(this, client(resources));
    }

    @Override
    public String probe(SourceResources resources, Consumer<String> warnings)
            throws SourceException, InterruptedException {
        StoreClient client = client(resources);
        StoreClient.StoreInfo info = client.info();
        StoreMapping mapping = StoreMapping.read(client, settings);
        long documents = StoreReader.count(client, settings, null, null, null);
        return String.format(Locale.ROOT, "%s answers %s; %s holds %,d documents%s", info.describe(),
                settings.login().describe(), settings.index(), documents,
                mapping.timeType() == null ? "" : ", stamped in " + settings.fields().time());
    }

    StoreClient client(SourceResources resources) {
        return resources.shared(StoreClient.class, settings, () -> new StoreClient(settings));
    }

    @Override
    public String toString() {
        return displayName();
    }
}
