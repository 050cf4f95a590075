package dev.parley.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.RealtimeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Structural JSON comparison (key order ignored, absent differs from {@code null}). */
public final class JsonAssert {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonAssert() {
    }

    public static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    public static void assertJson(String expected, String actual) {
        assertEquals(tree(expected), tree(actual), () -> "expected " + expected + "\n but was " + actual);
    }

    public static void assertJson(String expected, JsonNode actual) {
        assertEquals(tree(expected), actual, () -> "expected " + expected + "\n but was " + actual);
    }

    /** Compares an event with its expected externally tagged wire JSON. */
    public static void assertEvent(String expected, RealtimeEvent actual) {
        assertJson(expected, JSON.writeValueAsString(actual));
    }
}
