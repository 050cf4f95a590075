package dev.parley.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import dev.parley.protocol.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The normative examples of {@code 06} §6 and §8, copied byte for byte into
 * {@code src/test/resources/schema-acceptance/}, against the generator's output ({@code 06} §10.2). The
 * drift test cannot catch a wrong generator whose output was committed; this test can.
 */
class SchemaAcceptanceTest {

    private static final String HEADER = TypeScriptEmitter.GENERATED + "\n\n" + TypeScriptEmitter.BANNER + "\n";

    private static Map<String, String> files;

    @BeforeAll
    static void generate() {
        files = SchemaExport.parley().allFiles();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "json/RealtimeEvent.json",
            "json/RequestId.json",
            "json/v2/ThreadRealtimeStartParams.json",
            "json/v2/ThreadRealtimeStartedNotification.json",
            "json/v2/ThreadRealtimeItemAddedNotification.json",
            "json/v2/ThreadRealtimeStopResponse.json",
            "typescript/RealtimeEvent.ts",
            "typescript/RealtimeHandoffRequested.ts",
            "typescript/ServerNotification.ts",
            "typescript/index.ts",
            "typescript/serde_json/JsonValue.ts",
            "typescript/v2/ThreadRealtimeEventNotification.ts",
            "typescript/v2/ThreadRealtimeStartParams.ts"})
    void wholeFilesAreByteExact(String path) {
        assertThat(files.get(path)).isEqualTo(example(path));
    }

    @Test
    void emptyRecordsShareTheEmptyObjectShape() {
        String stop = example("json/v2/ThreadRealtimeStopResponse.json");
        for (String name : List.of("ThreadRealtimeListVoicesParams", "ThreadRealtimeAppendAudioResponse",
                "ThreadRealtimeAppendTextResponse", "ThreadRealtimeAppendSpeechResponse",
                "ThreadRealtimeStartResponse", "TurnInterruptResponse")) {
            assertThat(files.get("json/v2/" + name + ".json"))
                    .isEqualTo(stop.replace("ThreadRealtimeStopResponse", name));
        }
    }

    @Test
    void serverNotificationCarriesTheRequiredEmittedAtMsBetweenOneOfAndTitle() {
        String json = files.get("json/ServerNotification.json");
        String excerpt = example("json/server-notification-emitted-at.excerpt");
        assertThat(json).contains("  ],\n" + excerpt + "  \"title\": \"ServerNotification\"\n}\n");
    }

    /** §6.2 shows the file with its definitions elided, and describes them. */
    @Test
    void realtimeEventNotificationHasTheElevenRealtimeEventDefinitions() {
        String json = files.get("json/v2/ThreadRealtimeEventNotification.json");
        int start = json.indexOf("  \"definitions\": {\n");
        int end = json.indexOf("\n  },\n", start) + "\n  },\n".length();
        String elided = json.substring(0, start) + "  \"definitions\": { …eleven definitions as described… },\n"
                + json.substring(end);
        assertThat(elided).isEqualTo(example("json/v2/ThreadRealtimeEventNotification.excerpt"));

        JsonNode realtimeEvent = parse(example("json/RealtimeEvent.json"));
        ObjectNode expected = ((ObjectNode) realtimeEvent.get("definitions")).deepCopy();
        expected.putObject("RealtimeEvent").set("oneOf", realtimeEvent.get("oneOf"));
        assertThat(parse(json).get("definitions")).isEqualTo(expected);
        assertThat(parse(json).get("definitions").propertyNames()).hasSize(11);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ClientRequest-thread-realtime-start",
            "ServerNotification-thread-realtime-event",
            "ClientNotification-initialized",
            "ClientNotification-thread-realtime-appendAudio"})
    void unionVariantEntriesAreByteExact(String example) {
        String union = example.substring(0, example.indexOf('-'));
        String entry = example("json/variant-entries/" + example + ".json");
        // Entries of the root oneOf are indented by four spaces.
        String indented = entry.strip().lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElseThrow();
        assertThat(files.get("json/" + union + ".json")).contains(indented);
    }

    @Test
    void realtimeEventLineStartsWithTheEightCodexVariants() {
        String line = example("typescript/realtime-event-line.ts").strip();
        assertThat(lastLine("typescript/RealtimeEvent.ts")).isEqualTo(line);
        assertThat(line).startsWith("export type RealtimeEvent = { \"SessionUpdated\": { session_id: string, "
                + "instructions: string | null, } } | { \"InputTranscriptDelta\": RealtimeTranscriptDelta } | "
                + "{ \"OutputTranscriptDelta\": RealtimeTranscriptDelta } | { \"AudioOut\": RealtimeAudioFrame } | "
                + "{ \"ConversationItemAdded\": JsonValue } | { \"ConversationItemDone\": { item_id: string, } } | "
                + "{ \"HandoffRequested\": RealtimeHandoffRequested } | { \"Error\": string }");
    }

    @Test
    void payloadFilesAreTheHeaderAndTheirExportLine() {
        for (String line : example("typescript/payload-lines.ts").lines().toList()) {
            String path = "typescript/" + typeName(line) + ".ts";
            assertThat(files.get(path)).as(path).isEqualTo(HEADER + "\n" + line + "\n");
        }
    }

    @Test
    void exportLinesOfOtherFilesAreExact() {
        List<String> lines = new ArrayList<>(example("typescript/export-lines.ts").lines().toList());
        lines.addAll(example("typescript/client-notification-line.ts").lines().toList());
        for (String line : lines) {
            String name = typeName(line);
            String path = files.containsKey("typescript/" + name + ".ts")
                    ? "typescript/" + name + ".ts" : "typescript/v2/" + name + ".ts";
            assertThat(lastLine(path)).as(path).isEqualTo(line);
        }
    }

    @ParameterizedTest
    @MethodSource("wireSamples")
    void wireSamplesValidateAgainstRealtimeEventJson(String sample) {
        Schema schema = SchemaValidation.load(files.get("json/RealtimeEvent.json"));
        assertThat(SchemaValidation.errors(schema, parse(sample))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("counterExamples")
    void counterExamplesDoNotValidate(String sample) {
        Schema schema = SchemaValidation.load(files.get("json/RealtimeEvent.json"));
        assertThat(SchemaValidation.errors(schema, parse(sample))).isNotEmpty();
    }

    static Stream<String> wireSamples() {
        return example("realtime-event-samples.jsonl").lines();
    }

    static Stream<String> counterExamples() {
        return example("realtime-event-counterexamples.jsonl").lines();
    }

    @Test
    void bundleRealtimeEventDefinitionEqualsTheRootFilesOneOf() {
        JsonNode bundle = parse(files.get("json/" + JsonSchemaEmitter.BUNDLE_FILE));
        JsonNode root = parse(files.get("json/RealtimeEvent.json"));
        ObjectNode expected = WireJson.mapper().createObjectNode();
        expected.set("oneOf", root.get("oneOf"));
        assertThat(bundle.get("definitions").get("RealtimeEvent")).isEqualTo(expected);
    }

    @Test
    void everyBundleDefinitionEqualsItsRootFileAndEveryFileDefinition() {
        JsonNode definitions = parse(files.get("json/" + JsonSchemaEmitter.BUNDLE_FILE)).get("definitions");
        assertThat(definitions.propertyNames()).hasSize(102);
        jsonFiles().forEach((path, text) -> {
            JsonNode file = parse(text);
            if (!path.endsWith(JsonSchemaEmitter.BUNDLE_FILE)) {
                ObjectNode own = ((ObjectNode) file).deepCopy();
                own.remove(List.of("$schema", "definitions", "title"));
                assertThat(definitions.get(file.get("title").stringValue())).as(path).isEqualTo(own);
            }
            JsonNode local = file.get("definitions");
            if (local != null) {
                local.properties().forEach(entry ->
                        assertThat(entry.getValue()).as(path + " " + entry.getKey())
                                .isEqualTo(definitions.get(entry.getKey())));
            }
        });
    }

    @Test
    void everyTitleIsUniqueWithinEachFile() {
        jsonFiles().forEach((path, text) -> {
            List<String> titles = new ArrayList<>();
            collect(parse(text), "title", titles);
            assertThat(titles).as(path).doesNotHaveDuplicates();
        });
    }

    @Test
    void everyRefResolvesWithinItsFile() {
        jsonFiles().forEach((path, text) -> {
            JsonNode file = parse(text);
            List<String> refs = new ArrayList<>();
            collect(file, "$ref", refs);
            for (String ref : refs) {
                assertThat(ref).as(path).startsWith("#/definitions/");
                assertThat(file.at(ref.substring(1)).isMissingNode()).as(path + " " + ref).isFalse();
            }
        });
    }

    @Test
    void everyFileEndsWithExactlyOneNewlineAndHasNoCarriageReturn() {
        files.forEach((path, text) ->
                assertThat(text).as(path).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\r"));
    }

    private static Map<String, String> jsonFiles() {
        Map<String, String> json = new TreeMap<>();
        files.forEach((path, text) -> {
            if (path.endsWith(".json")) {
                json.put(path, text);
            }
        });
        return json;
    }

    /** String values of {@code key} anywhere in the tree, in schema positions (not property names). */
    private static void collect(JsonNode node, String key, List<String> out) {
        if (node.isObject()) {
            JsonNode value = node.get(key);
            if (value != null && value.isString()) {
                out.add(value.stringValue());
            }
            node.properties().forEach(entry -> collect(entry.getValue(), key, out));
        } else if (node.isArray()) {
            node.values().forEach(element -> collect(element, key, out));
        }
    }

    private static String lastLine(String path) {
        List<String> lines = files.get(path).lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static String typeName(String exportLine) {
        return exportLine.substring("export type ".length(), exportLine.indexOf(' ', "export type ".length()));
    }

    private static JsonNode parse(String json) {
        return WireJson.mapper().readTree(json);
    }

    static String example(String path) {
        try (InputStream in = SchemaAcceptanceTest.class.getResourceAsStream("/schema-acceptance/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no acceptance example " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
