package dev.parley.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.protocol.ConversationTextRole;
import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.protocol.v2.ProtocolRegistry.RequestMethod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TypeModelBuilderTest {

    private static final SchemaModel PARLEY = TypeModelBuilder.build(ProtocolSurface.parley());

    @Test
    void inputOnlyTypesAreThoseNoServerMessageReaches() {
        assertThat(new TreeSet<>(PARLEY.inputOnly())).containsExactly(
                "ClientInfo", "ClientNotification", "ClientRequest", "CodexResponseHandoffMode",
                "ConversationTextRole", "InitializeCapabilities", "InitializeParams", "RealtimeOutputModality",
                "RequestId", "ThreadListParams", "ThreadReadParams", "ThreadRealtimeAppendAudioParams",
                "ThreadRealtimeAppendSpeechParams", "ThreadRealtimeAppendTextParams", "ThreadRealtimeInitialItem",
                "ThreadRealtimeListParams", "ThreadRealtimeListVoicesParams", "ThreadRealtimeOrder", "ThreadRealtimeStartParams", "ThreadRealtimeStartTransport",
                "ThreadRealtimeStopParams", "ThreadResumeParams", "ThreadStartParams", "ThreadUnsubscribeParams",
                "TurnInterruptParams", "TurnStartParams", "TurnSteerParams");
    }

    @Test
    void jsonLayoutHasTheFiftySevenFilesOfSpecs06And09() {
        Set<String> v2 = Set.of("AgentMessageDeltaNotification", "ErrorNotification", "ItemCompletedNotification",
                "ItemStartedNotification", "ThreadListParams", "ThreadListResponse", "ThreadReadParams",
                "ThreadReadResponse", "ThreadRealtimeAppendAudioParams", "ThreadRealtimeAppendAudioResponse",
                "ThreadRealtimeAppendSpeechParams", "ThreadRealtimeAppendSpeechResponse",
                "ThreadRealtimeAppendTextParams", "ThreadRealtimeAppendTextResponse",
                "ThreadRealtimeClosedNotification", "ThreadRealtimeErrorNotification",
                "ThreadRealtimeEventNotification", "ThreadRealtimeItemAddedNotification",
                "ThreadRealtimeItemStartedNotification", "ThreadRealtimeItemTranscriptDeltaNotification",
                "ThreadRealtimeItemCompletedNotification", "ThreadRealtimeListParams", "ThreadRealtimeListResponse",
                "ThreadRealtimeListVoicesParams", "ThreadRealtimeListVoicesResponse",
                "ThreadRealtimeOutputAudioDeltaNotification", "ThreadRealtimeStartParams",
                "ThreadRealtimeStartResponse", "ThreadRealtimeStartedNotification", "ThreadRealtimeStopParams",
                "ThreadRealtimeStopResponse", "ThreadRealtimeTranscriptDeltaNotification",
                "ThreadRealtimeTranscriptDoneNotification", "ThreadResumeParams", "ThreadResumeResponse",
                "ThreadStartParams", "ThreadStartResponse", "ThreadStartedNotification",
                "ThreadStatusChangedNotification", "ThreadUnsubscribeParams", "ThreadUnsubscribeResponse",
                "TurnCompletedNotification", "TurnInterruptParams", "TurnInterruptResponse", "TurnStartParams",
                "TurnStartResponse", "TurnStartedNotification", "TurnSteerParams", "TurnSteerResponse");
        Set<String> expected = new TreeSet<>(Set.of("ClientNotification.json", "ClientRequest.json",
                "RealtimeEvent.json", "RequestId.json", "ServerNotification.json", JsonSchemaEmitter.BUNDLE_FILE,
                "v1/InitializeParams.json", "v1/InitializeResponse.json"));
        v2.forEach(name -> expected.add("v2/" + name + ".json"));

        assertThat(new JsonSchemaEmitter(PARLEY).emit().keySet()).containsExactlyElementsOf(expected).hasSize(57);
    }

    @Test
    void typeScriptLayoutHasTheOneHundredSixFilesOfSpecs06And09() {
        Map<String, String> files = new TypeScriptEmitter(PARLEY).emit();
        Set<String> root = files.keySet().stream().filter(path -> !path.contains("/")).collect(Collectors.toSet());

        assertThat(files).hasSize(106);
        assertThat(root).hasSize(27).contains("index.ts", "ServerNotificationEnvelope.ts", "RealtimeVoicesList.ts",
                "CodexResponseHandoffMode.ts");
        assertThat(files.keySet().stream().filter(path -> path.startsWith("v2/"))).hasSize(78);
        assertThat(files.keySet().stream().filter(path -> path.startsWith("serde_json/")))
                .containsExactly("serde_json/JsonValue.ts");
        assertThat(files.keySet()).contains("v2/ApprovalsReviewer.ts", "v2/AskForApproval.ts", "v2/CodexErrorInfo.ts",
                "v2/SandboxPolicy.ts", "v2/SessionSource.ts", "v2/Thread.ts", "v2/ThreadActiveFlag.ts",
                "v2/ThreadItem.ts", "v2/ThreadRealtimeAudioChunk.ts", "v2/ThreadRealtimeStartTransport.ts",
                "v2/ThreadStatus.ts", "v2/ThreadUnsubscribeStatus.ts", "v2/Turn.ts", "v2/TurnError.ts",
                "v2/TurnItemsView.ts", "v2/TurnStatus.ts", "v2/UserInput.ts", "v2/ThreadRealtimeItem.ts",
                "v2/ThreadRealtimeEntry.ts", "v2/ThreadRealtimeCoverage.ts", "v2/ThreadRealtimeFrameChannels.ts",
                "v2/ThreadRealtimeVoiceTranscript.ts", "v2/ThreadRealtimeTranscriptRole.ts",
                "v2/ThreadRealtimeSessionOutcome.ts", "v2/ThreadRealtimeHandoffMode.ts",
                "v2/ThreadRealtimeBemItemPresentation.ts", "v2/ThreadRealtimeInitialItem.ts");
    }

    @Test
    void generationIsDeterministic() {
        assertThat(SchemaExport.parley().allFiles()).isEqualTo(SchemaExport.parley().allFiles());
    }

    @Test
    void defaultedFieldsAreOptionalInputButNeverNull() {
        String json = new JsonSchemaEmitter(PARLEY).emit().get("v2/TurnStartParams.json");
        // text_elements is @Defaulted: a plain array type, and absent from UserInput's required list.
        assertThat(json)
                .contains("            \"text_elements\": {\n"
                        + "              \"items\": true,\n"
                        + "              \"type\": \"array\"\n"
                        + "            },\n")
                .contains("          \"required\": [\n"
                        + "            \"text\",\n"
                        + "            \"type\"\n"
                        + "          ],\n");
        assertThat(new TypeScriptEmitter(PARLEY).typeFile(PARLEY.type("TurnStartParams")))
                .endsWith("export type TurnStartParams = { threadId: string, input: Array<UserInput>, "
                        + "clientUserMessageId?: string | null, };\n");
    }

    @Test
    void variantTitlesThatCollideFailGeneration() {
        ProtocolSurface surface = surface(ClashParams.class);

        assertThatThrownBy(() -> TypeModelBuilder.build(surface))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("title collision in " + JsonSchemaEmitter.BUNDLE_FILE + ": ReadOnlyClash");
    }

    @Test
    void twoClassesWithOneSimpleNameFailGeneration() {
        assertThatThrownBy(() -> TypeModelBuilder.build(surface(TwinParams.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("two exported types are named Twin");
    }

    @Test
    void typesWithoutAWireMappingFailGeneration() {
        assertThatThrownBy(() -> TypeModelBuilder.build(surface(UnsupportedParams.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unsupported type java.util.Set<java.lang.String>");
    }

    @Test
    void classAndPropertyDescriptionsReachBothOutputs() {
        SchemaModel model = TypeModelBuilder.build(surface(DescribedParams.class));

        String ts = new TypeScriptEmitter(model).typeFile(model.type("DescribedParams"));
        assertThat(ts).endsWith("""

                /**
                 * Params of a described method.
                 * Second line.
                 */
                export type DescribedParams = { role: ConversationTextRole, note?: string | null, };
                """);
        String json = new JsonSchemaEmitter(model).emit().get("v1/DescribedParams.json");
        // A described reference is wrapped in allOf: draft-07 ignores siblings of $ref.
        assertThat(json).contains("""
                  "description": "Params of a described method.\\nSecond line.",
                  "properties": {
                    "note": {
                      "description": "Free text.",
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "role": {
                      "allOf": [
                        {
                          "$ref": "#/definitions/ConversationTextRole"
                        }
                      ],
                      "description": "Who speaks."
                    }
                  },
                """);
    }

    private static <P extends Record> ProtocolSurface surface(Class<P> params) {
        List<RequestMethod<?, ?>> requests = List.of(new RequestMethod<>("test/method", params, EmptyResult.class));
        List<NotificationMethod<?>> none = List.of();
        return new ProtocolSurface(requests, none, none);
    }

    record EmptyResult() {
    }

    record ClashParams(Clash clash) {
    }

    /** {@code read_only} and {@code readOnly} both become {@code ReadOnlyClash}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Clash.Snake.class, name = "read_only"),
            @JsonSubTypes.Type(value = Clash.Camel.class, name = "readOnly")})
    sealed interface Clash {
        record Snake() implements Clash {
        }

        record Camel() implements Clash {
        }
    }

    record TwinParams(First.Twin first, Second.Twin second) {
    }

    static final class First {
        record Twin(String a) {
        }
    }

    static final class Second {
        record Twin(String b) {
        }
    }

    record UnsupportedParams(Set<String> labels) {
    }

    @JsonClassDescription("Params of a described method.\nSecond line.")
    record DescribedParams(
            @JsonPropertyDescription("Who speaks.") ConversationTextRole role,
            @JsonPropertyDescription("Free text.") @Nullable String note) {
    }
}
