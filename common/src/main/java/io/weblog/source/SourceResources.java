package io.weblog.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the sources of one check share and the check closes when it ends, such as one SSH client for all hosts.
 * Thread-safe: sources are opened on several threads at once.
 */
public final class SourceResources implements AutoCloseable {
    private final Map<List<Object>, AutoCloseable> shared = new HashMap<>();
    private final List<AutoCloseable> order = new ArrayList<>();

    /**
     * The resource of this type made for this key, made on first use.
     *
     * @param type the resource's type
     * @param key what distinguishes one such resource from another (settings, say)
     * @param factory makes it
     */
    public synchronized <T extends AutoCloseable> T shared(Class<T> type, Object key, Supplier<T> factory) {
        List<Object> id = List.of(type, key);
        AutoCloseable resource = shared.get(id);
        if (resource == null) {
            resource = factory.get();
            shared.put(id, resource);
            order.add(resource);
        }
        return type.cast(resource);
    }

    /** Closes every resource, the last made first; what fails to close is ignored, as nothing depends on it. */
    @Override
    public synchronized void close() {
        for (int i = order.size() - 1; i >= 0; i--) {
            try {
                order.get(i).close();
            } catch (Exception ignored) {
                // Closing shared clients at the end of a check loses nothing that was read.
            }
        }
        order.clear();
        shared.clear();
    }
}
