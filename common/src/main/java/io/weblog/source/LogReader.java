package io.weblog.source;

import io.weblog.check.EndReason;

/** Reads one source's bytes into a {@link LineSplitter} until the input ends, the window ends or the check stops. */
public interface LogReader {

    /**
     * Reads. When {@link ReadControl#followUntil()} is set the source is followed live until then, from the start of
     * the window if {@link ReadControl#since()} is set, else from its current end; otherwise it is read once.
     *
     * @return why reading stopped ({@link EndReason#STOP_HIT} whenever the splitter's sink asked to stop)
     * @throws SourceException when the source cannot be read; the message names it
     * @throws InterruptedException when the reading thread is interrupted
     */
    EndReason read(LineSplitter splitter, ReadControl control) throws SourceException, InterruptedException;
}
