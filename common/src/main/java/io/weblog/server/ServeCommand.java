package io.weblog.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;

/**
 * One shell or exec request on one channel. It runs on a thread of the server's pool, never on MINA's network
 * threads, and ends as soon as the channel closes: the reading loop looks at least every 25 ms, and the thread is
 * interrupted besides. Whatever the client sends on standard input is read and dropped; on a terminal, Ctrl-C ends
 * the stream.
 */
final class ServeCommand implements Command, ChannelSessionAware {
    private static final byte CTRL_C = 3;

    private final ServerState server;
    private final ServeRequest request;
    private ChannelSession channel;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private boolean terminal;
    private String client = "";
    private String user = "";
    private volatile boolean closed;
    private volatile int stoppedWith = -1;
    private volatile Future<?> task;

    ServeCommand(ServerState server, ServeRequest request) {
        this.server = server;
        this.request = request;
    }

    @Override
    public void setChannelSession(ChannelSession session) {
        channel = session;
        terminal = !session.getEnvironment().getPtyModes().isEmpty()
                || session.getEnvironment().getEnv().containsKey(Environment.ENV_TERM);
        session.setDataReceiver(new InputDropper());
    }

    @Override
    public void setInputStream(InputStream in) {
        // Input goes to the InputDropper instead.
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession session, Environment env) {
        channel = session;
        ServerSession serverSession = session.getServerSession();
        client = Events.client(serverSession);
        user = Events.user(serverSession);
        env.addSignalListener((ch, signal) -> stop(128 + signal.getNumeric()));
        if (request instanceof ServeRequest.Refused refused) {
            server.events().emit(new ServerEvent.Refused(client, user, "command refused: " + refused.command()));
        } else {
            server.events().emit(new ServerEvent.StreamStarted(client, user, request.display()));
        }
        try {
            task = server.streams().submit(this::run);
        } catch (RejectedExecutionException busy) {
            String message = "the server is busy: " + server.maxStreams() + " streams run already; try again later";
            server.events().emit(new ServerEvent.Refused(client, user, request.display() + ": " + message));
            // The first bytes on a fresh channel fit its window: this write does not wait.
            end(StreamResult.failed(ServeProtocol.EXIT_BUSY, message));
        }
    }

    @Override
    public void destroy(ChannelSession session) {
        closed = true;
        Future<?> running = task;
        if (running != null) {
            running.cancel(true);
        }
    }

    /** Ends the stream at the client's request (Ctrl-C, a signal) with this exit status. */
    private void stop(int exitStatus) {
        if (stoppedWith < 0) {
            stoppedWith = exitStatus;
        }
    }

    private boolean channelGone() {
        return closed || channel.isClosing() || !channel.isOpen();
    }

    private void run() {
        Thread thread = Thread.currentThread();
        String idleName = thread.getName();
        thread.setName(server.threadName(request.display()));
        StreamContext context = new StreamContext(server.log(), out, () -> stoppedWith >= 0 || channelGone(),
                terminal);
        StreamResult result;
        try {
            result = execute(context);
        } catch (RuntimeException e) {
            result = StreamResult.failed(ServeProtocol.EXIT_NO_FILE, "cannot serve " + server.log() + ": " + e);
        } finally {
            thread.setName(idleName);
        }
        if (stoppedWith >= 0 && !channelGone()) {
            result = new StreamResult(stoppedWith, null, "stopped by the client");
        }
        if (channelGone()) {
            if (!(request instanceof ServeRequest.Refused)) {
                server.events().emit(new ServerEvent.StreamEnded(client, user, request.display(), -1,
                        context.bytes(), "closed by the client"));
            }
            return;
        }
        end(result);
        if (!(request instanceof ServeRequest.Refused)) {
            server.events().emit(new ServerEvent.StreamEnded(client, user, request.display(), result.exitStatus(),
                    context.bytes(), result.how()));
        }
    }

    private StreamResult execute(StreamContext context) {
        if (request instanceof ServeRequest.Refused refused) {
            return StreamResult.failed(ServeProtocol.EXIT_REFUSED, refused.message());
        } else if (request instanceof ServeRequest.Follow) {
            return new LineStream(context).follow();
        } else if (request instanceof ServeRequest.Cat) {
            return new LineStream(context).cat();
        } else if (request instanceof ServeRequest.Since since) {
            return new LineStream(context).since(since.since().resolve(Instant.now()));
        } else if (request instanceof ServeRequest.Stat stat) {
            return new ByteStream(context).stat(stat.previous());
        } else if (request instanceof ServeRequest.Read read) {
            return new ByteStream(context).read(read.previous(), read.offset(), read.length());
        } else if (request instanceof ServeRequest.FollowBytes follow) {
            return new ByteStream(context).follow(follow.offset());
        }
        throw new IllegalStateException("unknown request " + request);
    }

    /** Sends what is left, the error if any, and the exit status; the channel then closes. */
    private void end(StreamResult result) {
        try {
            out.flush();
            if (result.error() != null) {
                err.write((result.error() + (terminal ? "\r\n" : "\n")).getBytes(StandardCharsets.UTF_8));
                err.flush();
            }
        } catch (IOException clientGone) {
            // The exit status below is then not delivered either; the channel is closing.
        }
        exit.onExit(result.exitStatus(), result.how());
    }

    /** Reads and drops the client's input, so its window never fills; notices Ctrl-C on a terminal. */
    private final class InputDropper implements ChannelDataReceiver {
        @Override
        public int data(ChannelSession session, byte[] buf, int start, int len) {
            if (terminal) {
                for (int i = start; i < start + len; i++) {
                    if (buf[i] == CTRL_C) {
                        stop(ServeProtocol.EXIT_INTERRUPTED);
                    }
                }
            }
            return len;
        }

        /**
         * The client sent end-of-input. weblog's own client says "stop" that way, so the machine-protocol streams end;
         * a person's {@code ssh -n host follow} sends it at once, so the human commands go on.
         */
        @Override
        public void close() {
            if (request instanceof ServeRequest.FollowBytes || request instanceof ServeRequest.Read) {
                stop(ServeProtocol.EXIT_OK);
            }
        }
    }
}
