package io.weblog.server;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * What every command needs from the running server: the log, the threads streams run on, and where events go.
 *
 * @param log the one log served
 * @param streams the bounded pool of stream threads
 * @param maxStreams how many streams may run at once
 * @param events where events go
 * @param port the port the server listens on, for the names of its threads
 * @param ids numbers the streams
 */
record ServerState(Path log, ExecutorService streams, int maxStreams, Events events, IntSupplier port,
        AtomicLong ids) {

    /** The prefix of the name of every thread that runs a stream of the server listening on {@code port}. */
    static String streamThreadPrefix(int port) {
        return "weblog-stream-" + port + "-";
    }

    /** The name a stream's thread carries while it runs. */
    String threadName(String command) {
        return streamThreadPrefix(port.getAsInt()) + ids.incrementAndGet() + " " + command;
    }
}
