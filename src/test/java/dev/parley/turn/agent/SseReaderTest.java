package dev.parley.turn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseReader.Event> read(String stream) throws IOException {
        SseReader reader = new SseReader(new StringReader(stream));
        List<SseReader.Event> events = new ArrayList<>();
        SseReader.Event event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }

    @Test
    void aBlankLineEndsAnEventAndTheEventFieldNamesIt() throws IOException {
        assertThat(read("event: response.created\ndata: {\"a\":1}\n\nevent: x\ndata: {}\n\n")).containsExactly(
                new SseReader.Event("response.created", "{\"a\":1}"), new SseReader.Event("x", "{}"));
    }

    @Test
    void severalDataLinesAreJoinedWithNewlines() throws IOException {
        assertThat(read("data: one\ndata:two\ndata:  three\n\n"))
                .containsExactly(new SseReader.Event(null, "one\ntwo\n three"));
    }

    @Test
    void commentsOtherFieldsAndEmptyEventsAreSkippedAndCrLfWorks() throws IOException {
        assertThat(read(": keep-alive\r\n\r\nid: 7\r\nretry: 10\r\nevent: a\r\n\r\ndata: x\r\n\r\n"))
                .containsExactly(new SseReader.Event(null, "x"));
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamIsStillDelivered() throws IOException {
        assertThat(read("data: first\n\ndata: cut")).containsExactly(new SseReader.Event(null, "first"),
                new SseReader.Event(null, "cut"));
        assertThat(read("")).isEmpty();
    }
}
