package org.peertracker.load.micro;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventSchemas;
import org.peertracker.events.Violation;
import org.peertracker.load.IntakeLoad;
import tools.jackson.databind.JsonNode;

/**
 * The per-event work of the intake and of each projecting family, stage by stage, on the benchmark's contact (one
 * event of {@link IntakeLoad}'s batches): where the CPU time of {@code POST /events} goes, beside the HTTP, security
 * and Kafka work that the profiles of {@code infra/bench} show. {@code intake} is the sum of the stages the intake
 * runs for each event, the reference the stages are set against.
 *
 * <pre>java -cp "infra/load/target/classes:infra/load/target/lib/*" org.openjdk.jmh.Main EventStages</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx256m")
public class EventStages {

    private byte[] sent;
    private JsonNode tree;
    private Event bound;
    private byte[] published;

    @Setup
    public void setUp() {
        var event = IntakeLoad.contact("bench-load", "sess-1");
        sent = EventCodec.writeBytes(event);
        tree = EventCodec.mapper().readTree(sent);
        bound = EventCodec.read(tree);
        published = EventCodec.writeBytes(bound.withReceivedAt(Instant.now()));
        if (!EventSchemas.validate(tree).isEmpty()) {
            throw new IllegalStateException("the benchmark's contact is not valid: " + EventSchemas.validate(tree));
        }
    }

    /** JSON bytes of one event to a tree (the intake reads a request body as trees, one per event). */
    @Benchmark
    public JsonNode parse() {
        return EventCodec.mapper().readTree(sent);
    }

    /** The envelope's and the payload's JSON Schema. */
    @Benchmark
    public List<Violation> validate() {
        return EventSchemas.validate(tree);
    }

    /** The tree to the typed event. */
    @Benchmark
    public Event bind() {
        return EventCodec.read(tree);
    }

    /** The event, stamped, to the bytes published on Kafka. */
    @Benchmark
    public byte[] serialise() {
        return EventCodec.writeBytes(bound.withReceivedAt(Instant.now()));
    }

    /** All of the above for one event, as the intake does them. */
    @Benchmark
    public byte[] intake() {
        var node = EventCodec.mapper().readTree(sent);
        if (!EventSchemas.validate(node).isEmpty()) {
            throw new IllegalStateException("invalid");
        }
        return EventCodec.writeBytes(EventCodec.read(node).withReceivedAt(Instant.now()));
    }

    /** What each family that reads the topic does first with every record: the published bytes to the event. */
    @Benchmark
    public Event decodePublished() {
        return EventCodec.read(published);
    }
}
