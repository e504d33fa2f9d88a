package io.weblog.check;

/**
 * Receives the events of a running check. Calls are serialised by the engine, so an implementation need not be
 * thread-safe, but it should return quickly: it runs on the threads that read the sources.
 */
@FunctionalInterface
public interface CheckListener {

    /** A listener that ignores every event. */
    CheckListener NONE = event -> { };

    /** Handles one event. */
    void onEvent(CheckEvent event);
}
