package org.peertracker.api.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.events.Topics;

/**
 * Where a reader of the feed is: for each partition of the event topics, the offset of the next record to read (a
 * partition not named is read from its start). Opaque to clients: base64url of {@code v1|orgId|topic:partition:offset;…}.
 * It names its organisation, so that a cursor is not taken to another organisation's feed by mistake.
 */
record FeedCursor(String orgId, Map<TopicPartition, Long> next) {

    private static final String VERSION = "v1";

    /** From the start of every partition. */
    static FeedCursor start(String orgId) {
        return new FeedCursor(orgId, Map.of());
    }

    String encode() {
        var text = new StringBuilder(VERSION).append('|').append(orgId).append('|');
        var sorted = new TreeMap<String, Long>();
        next.forEach((tp, offset) -> sorted.put(tp.topic() + ":" + tp.partition(), offset));
        sorted.forEach(
                (tp, offset) -> text.append(tp).append(':').append(offset).append(';'));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent as {@code after}; one that is not a cursor of this organisation's feed is a 400. */
    static FeedCursor decode(String orgId, String after) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            var parts = text.split("\\|", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            if (!parts[1].equals(orgId)) {
                throw RequestProblem.badParameter(
                        "after", "same-organisation", "'after' is a cursor of another organisation's feed");
            }
            var next = new TreeMap<TopicPartition, Long>(FeedCursor::compare);
            for (var position : parts[2].split(";")) {
                if (position.isEmpty()) {
                    continue;
                }
                int last = position.lastIndexOf(':');
                int middle = position.lastIndexOf(':', last - 1);
                var topic = position.substring(0, middle);
                int partition = Integer.parseInt(position.substring(middle + 1, last));
                long offset = Long.parseLong(position.substring(last + 1));
                if (!Topics.EVENT_TOPICS.contains(topic) || partition < 0 || offset < 0) {
                    throw invalid();
                }
                next.put(new TopicPartition(topic, partition), offset);
            }
            return new FeedCursor(orgId, next);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    private static RequestProblem invalid() {
        return RequestProblem.badParameter(
                "after", "cursor", "'after' must be the 'next' cursor of an earlier answer of this feed");
    }
}
