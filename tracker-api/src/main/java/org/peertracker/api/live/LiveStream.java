package org.peertracker.api.live;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.peertracker.api.security.Caller;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;

/**
 * One open stream: a bounded queue of events drained by a virtual thread of its own, so that a slow or stalled
 * client holds up only itself, never the Kafka listener, the heartbeat or another stream. A stream whose queue is
 * full is ended rather than waited for: the page reconnects and re-reads what it shows.
 */
final class LiveStream {

    /** Where a stream's events go: the response (an {@code SseEmitter}), or a test's double. */
    interface Sink {

        /** Writes one event; may block as long as the client does not read. */
        void send(Set<DataWithMediaType> event) throws IOException;

        /** Ends the response. */
        void complete();
    }

    private final Caller caller;
    private final Sink sink;
    private final BlockingQueue<Set<DataWithMediaType>> queue;
    private final Consumer<LiveStream> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread drainer;

    /** {@code onEnd} is told, once, when the stream ends for any reason. */
    LiveStream(Caller caller, Sink sink, int capacity, Consumer<LiveStream> onEnd) {
        this.caller = caller;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onEnd = onEnd;
        this.drainer = Thread.ofVirtual().name("live-stream").unstarted(this::drain);
    }

    /** Starts sending what is queued. */
    LiveStream start() {
        drainer.start();
        return this;
    }

    Caller caller() {
        return caller;
    }

    /** Queues an event without waiting; false if the stream has ended (or ends now, being too far behind). */
    boolean offer(Set<DataWithMediaType> event) {
        if (ended.get()) {
            return false;
        }
        if (!queue.offer(event)) {
            end();
            return false;
        }
        return true;
    }

    /** Ends the stream: nothing more is queued, and its sender completes the response once any write returns. */
    void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
            drainer.interrupt();
        }
    }

    boolean ended() {
        return ended.get();
    }

    private void drain() {
        try {
            while (!ended.get()) {
                sink.send(queue.take());
            }
            complete();
        } catch (InterruptedException e) {
            complete();
        } catch (IOException | RuntimeException e) {
            // the client is gone (or the response already ended): the container finishes the response
        } finally {
            end();
        }
    }

    private void complete() {
        // an interrupt that arrived during the last write must not cut the response's ending short
        Thread.interrupted();
        try {
            sink.complete();
        } catch (RuntimeException e) {
            // already completed, by a timeout or the container
        }
    }
}
