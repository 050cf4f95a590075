package dev.parley.turn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.v2.CodexErrorInfo;
import org.junit.jupiter.api.Test;

/** The Responses stream events of {@code 05} §2.1, one by one. */
class ResponsesStreamTest {

    private final RecordingOutput output = new RecordingOutput();
    private final ResponsesStream stream = new ResponsesStream(output);

    private ResponsesStream.Step accept(String json) throws AgentFailure {
        return stream.accept(new SseReader.Event(null, json));
    }

    @Test
    void aMessageStreamsFromItemAddedThroughDeltasToItemDoneAndCompletedEndsTheResponse() throws AgentFailure {
        accept("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\"}}");
        accept("{\"type\":\"response.output_item.added\",\"item\":{\"id\":\"msg_1\",\"type\":\"message\"}}");
        accept("{\"type\":\"response.content_part.added\",\"part\":{\"type\":\"output_text\",\"text\":\"\"}}");
        accept("{\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}");
        accept("{\"type\":\"response.output_text.delta\",\"delta\":\"lo\"}");
        accept("{\"type\":\"response.output_text.done\",\"text\":\"Hello\"}");
        accept("{\"type\":\"response.output_item.done\",\"item\":{\"type\":\"message\",\"content\":["
                + "{\"type\":\"output_text\",\"text\":\"Hello\",\"annotations\":[]}]}}");

        assertThat(accept("{\"type\":\"response.completed\",\"response\":{\"usage\":{}}}"))
                .isEqualTo(ResponsesStream.Step.COMPLETED);
        assertThat(output.calls).containsExactly("started", "delta:Hel", "delta:lo", "done:Hello");
        assertThat(stream.responseId()).isEqualTo("resp_1");
    }

    @Test
    void nonMessageItemsUnknownEventsAndNonJsonDataAreIgnored() throws AgentFailure {
        accept("{\"type\":\"response.output_item.added\",\"item\":{\"type\":\"reasoning\"}}");
        accept("{\"type\":\"response.output_item.done\",\"item\":{\"type\":\"reasoning\"}}");
        accept("{\"type\":\"response.brand_new_event\"}");
        accept("[DONE]");
        assertThat(accept("{\"type\":\"response.in_progress\"}")).isEqualTo(ResponsesStream.Step.CONTINUE);
        assertThat(output.calls).isEmpty();
    }

    @Test
    void aDeltaWithoutItemAddedStartsTheMessageAndCompletedClosesAnOpenOne() throws AgentFailure {
        accept("{\"type\":\"response.output_text.delta\",\"delta\":\"partial\"}");
        accept("{\"type\":\"response.completed\"}");
        assertThat(output.calls).containsExactly("started", "delta:partial", "done:partial");
    }

    @Test
    void theDoneItemsTextIsAuthoritativeAndRefusalsCount() throws AgentFailure {
        accept("{\"type\":\"response.output_item.added\",\"item\":{\"type\":\"message\"}}");
        accept("{\"type\":\"response.output_item.done\",\"item\":{\"type\":\"message\",\"content\":["
                + "{\"type\":\"refusal\",\"refusal\":\"I can't.\"}]}}");
        accept("{\"type\":\"response.output_item.done\",\"item\":{\"type\":\"message\",\"content\":[]}}");
        assertThat(output.calls).containsExactly("started", "done:I can't.", "started", "done:");
    }

    @Test
    void theEventNameIsUsedWhenTheDataHasNoType() throws AgentFailure {
        assertThat(stream.accept(new SseReader.Event("response.completed", "{}")))
                .isEqualTo(ResponsesStream.Step.COMPLETED);
    }

    @Test
    void failureEventsFailWithTheirMessage() {
        assertFailure("{\"type\":\"response.failed\",\"response\":{\"error\":{\"message\":\"Model overloaded.\"}}}",
                "Model overloaded.");
        assertFailure("{\"type\":\"response.failed\",\"response\":{}}", "agent response failed");
        assertFailure("{\"type\":\"response.incomplete\",\"response\":{\"incomplete_details\":{\"reason\":"
                + "\"max_output_tokens\"}}}", "agent response incomplete: max_output_tokens");
        assertFailure("{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"boom\"}", "boom");
        assertFailure("{\"type\":\"error\",\"error\":{\"message\":\"nested\"}}", "nested");
        assertFailure("{\"type\":\"error\"}", "agent stream error");
    }

    private void assertFailure(String json, String message) {
        assertThatThrownBy(() -> new ResponsesStream(output).accept(new SseReader.Event(null, json)))
                .isInstanceOfSatisfying(AgentFailure.class, failure -> {
                    assertThat(failure.getMessage()).isEqualTo(message);
                    assertThat(failure.codexErrorInfo()).isEqualTo(CodexErrorInfo.OTHER);
                });
    }
}
