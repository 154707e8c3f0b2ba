package org.peertracker.api.security;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.peertracker.events.EventCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A representative answer of an aggregate endpoint, built from the endpoint's return type: every number of it from
 * {@code numbers}, strings named after their field ({@code peerId-1}, {@code peerId-2}, …), three entries in every map
 * and list, and a field {@value #ADDED_LATER} in every record, standing for what a view gains later. A campaign (a
 * record with a {@code campaignId}) is read from the campaign document as the worker writes it, fields of its
 * launch lifted as the campaign serves them.
 */
final class SampleAnswers {

    static final String ADDED_LATER = "addedLater";

    /** Every number from 1 to 4, so that any count left unsuppressed shows. */
    static IntSupplier small() {
        return cycle(1, 2, 3, 4);
    }

    /** Small, zero and larger numbers mixed, so that groups hold one small cell beside larger ones. */
    static IntSupplier mixed() {
        return cycle(3, 40, 12, 0, 2, 25, 9, 60, 1, 7, 18);
    }

    /** A campaign in {@code campaigns} as the worker writes it; each {@code #} a number. */
    private static final String CAMPAIGN = """
            {"orgId": "mainline", "campaignId": "camp-1", "name": "Naloxone everywhere",
             "goal": "Take-home naloxone at every low-threshold service.", "startsOn": "2026-03-01",
             "endsOn": "2026-12-31", "launchedAt": "2026-03-01T09:00:00Z", "closedAt": "2026-12-31T17:00:00Z",
             "lastActivityAt": "2026-11-20T14:00:00Z", "status": "closed",
             "actions": #, "actionsByKind": {"demonstration": #, "media": #, "workshop": #},
             "participants": #, "audience": #, "mediaHits": #, "cities": ["Amsterdam", "Utrecht"],
             "outcomesByLevel": {"local": #, "national": #, "international": #},
             "outcomes": [{"eventId": "event-7f3a", "level": "local", "text": "outcome text about the council",
                           "occurredAt": "2026-11-20T14:00:00Z", "addedLater": "x"}],
             "peers": ["peerId-7", "peerId-8"], "addedLater": "x"}""";

    private final IntSupplier numbers;
    private final Map<String, Integer> strings = new HashMap<>();
    /** Where the records sit in the answer's JSON: the objects whose fields are fixed, unlike a map's keys. */
    private final List<String> records = new ArrayList<>();

    private SampleAnswers(IntSupplier numbers) {
        this.numbers = numbers;
    }

    /** The JSON of a representative answer of {@code endpoint}. */
    static JsonNode of(Method endpoint, IntSupplier numbers) {
        var sample = new SampleAnswers(numbers);
        var answer = sample.sample(endpoint.getGenericReturnType(), "", "answer", Map.of());
        JsonNode tree = EventCodec.mapper().valueToTree(answer);
        sample.records.forEach(pointer -> ((ObjectNode) tree.at(pointer)).put(ADDED_LATER, 3));
        return tree;
    }

    /** A sample of {@code type}, at {@code pointer} in the answer, in a field called {@code name}. */
    private Object sample(Type type, String pointer, String name, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            return sample(bindings.get(variable), pointer, name, bindings);
        }
        if (type instanceof ParameterizedType parameterized) {
            return parameterized(parameterized, pointer, name, bindings);
        }
        var raw = (Class<?>) type;
        if (raw == long.class || raw == Long.class) {
            return (long) numbers.getAsInt();
        }
        if (raw == int.class || raw == Integer.class) {
            return numbers.getAsInt();
        }
        if (raw == double.class || raw == Double.class) {
            // a share is of 0..1; everything else counts (hours too)
            return name.startsWith("share") ? 0.5 : (double) numbers.getAsInt();
        }
        if (raw == String.class) {
            int n = strings.merge(name, 1, Integer::sum);
            return name + "-" + ((n - 1) % 2 + 1);
        }
        if (raw == LocalDate.class) {
            return LocalDate.of(2026, 11, 20);
        }
        if (raw == YearMonth.class) {
            return YearMonth.of(2026, 11);
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-11-20T14:00:00Z");
        }
        if (raw.isRecord() && isCampaign(raw)) {
            return campaign(raw, pointer);
        }
        if (raw.isRecord()) {
            return record(raw, pointer, Map.of());
        }
        throw new IllegalArgumentException("no sample for " + type + " (" + name + "): teach SampleAnswers");
    }

    private Object parameterized(
            ParameterizedType type, String pointer, String name, Map<TypeVariable<?>, Type> bindings) {
        var raw = (Class<?>) type.getRawType();
        var arguments = type.getActualTypeArguments();
        if (Map.class.isAssignableFrom(raw)) {
            var map = new LinkedHashMap<String, Object>();
            for (var key : List.of("a", "b", "c")) {
                map.put(key, sample(arguments[1], pointer + "/" + key, name, bindings));
            }
            return map;
        }
        if (List.class.isAssignableFrom(raw)) {
            var list = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                list.add(sample(arguments[0], pointer + "/" + i, name, bindings));
            }
            return list;
        }
        var bound = new HashMap<>(bindings);
        var variables = raw.getTypeParameters();
        for (int i = 0; i < variables.length; i++) {
            bound.put(variables[i], arguments[i] instanceof TypeVariable<?> v ? bindings.get(v) : arguments[i]);
        }
        return record(raw, pointer, bound);
    }

    private Object record(Class<?> type, String pointer, Map<TypeVariable<?>, Type> bindings) {
        records.add(pointer);
        var components = type.getRecordComponents();
        var values = new Object[components.length];
        var types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            var name = components[i].getName();
            values[i] = sample(components[i].getGenericType(), pointer + "/" + name, name, bindings);
            types[i] = components[i].getType();
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot make a " + type.getSimpleName() + " of "
                            + List.of(components).stream()
                                    .map(RecordComponent::getName)
                                    .toList(),
                    e);
        }
    }

    private static boolean isCampaign(Class<?> type) {
        return Stream.of(type.getRecordComponents()).anyMatch(c -> c.getName().equals("campaignId"));
    }

    /** The campaign document read as {@code type}, its records (the campaign and its outcomes) marked as such. */
    private Object campaign(Class<?> type, String pointer) {
        var json = new StringBuilder();
        for (var c : CAMPAIGN.toCharArray()) {
            json.append(c == '#' ? String.valueOf(numbers.getAsInt()) : String.valueOf(c));
        }
        var campaign = EventCodec.mapper().readValue(json.toString(), type);
        records.add(pointer);
        var outcomes = EventCodec.mapper().valueToTree(campaign).path("outcomes");
        for (int i = 0; i < outcomes.size(); i++) {
            records.add(pointer + "/outcomes/" + i);
        }
        return campaign;
    }

    private static IntSupplier cycle(int... values) {
        var next = new int[1];
        return () -> values[next[0]++ % values.length];
    }
}
