package io.weblog.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Things a test does to a log while a check runs (append, rotate, truncate), each after a delay or once the check has
 * come to a point; {@link #join()} in
 * an {@code @AfterEach} waits for them and rethrows what failed.
 */
public final class Later {
    private final List<CompletableFuture<?>> actions = new ArrayList<>();

    /** Runs the action on another thread after {@code millis}. */
    public synchronized void run(long millis, Runnable action) {
        actions.add(CompletableFuture.runAsync(action,
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)));
    }

    /**
     * Runs the action on another thread {@code millis} after the condition first holds (such as: the check is
     * following the log), so that what it does to the log happens at the same point of the check however loaded the
     * machine is. Fails the action when the condition does not hold within a minute.
     */
    public synchronized void run(BooleanSupplier condition, long millis, Runnable action) {
        actions.add(CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            try {
                while (!condition.getAsBoolean()) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("the condition to act on never held");
                    }
                    Thread.sleep(10);
                }
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            action.run();
        }));
    }

    /** Waits for every action; an action's failure fails the test. */
    public synchronized void join() {
        actions.forEach(CompletableFuture::join);
        actions.clear();
    }
}
