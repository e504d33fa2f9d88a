package io.weblog.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Things a test does to a log while a check runs (append, rotate, truncate), each after a delay; {@link #join()} in
 * an {@code @AfterEach} waits for them and rethrows what failed.
 */
public final class Later {
    private final List<CompletableFuture<?>> actions = new ArrayList<>();

    /** Runs the action on another thread after {@code millis}. */
    public synchronized void run(long millis, Runnable action) {
        actions.add(CompletableFuture.runAsync(action,
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)));
    }

    /** Waits for every action; an action's failure fails the test. */
    public synchronized void join() {
        actions.forEach(CompletableFuture::join);
        actions.clear();
    }
}
