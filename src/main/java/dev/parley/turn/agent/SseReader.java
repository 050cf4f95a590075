package dev.parley.turn.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * A small line-based Server-Sent Events reader: {@code event:} and {@code data:} fields, a blank line ends
 * an event, several {@code data} lines are joined with {@code \n}, comments ({@code :}) and other fields
 * are skipped. An event cut off by the end of the stream is still delivered: the caller decides whether
 * the stream was complete.
 */
final class SseReader {

    /** One event; {@code name} is the {@code event:} field, if any. */
    record Event(@Nullable String name, String data) {
    }

    private final BufferedReader lines;

    SseReader(Reader source) {
        this.lines = source instanceof BufferedReader buffered ? buffered : new BufferedReader(source);
    }

    /** The next event, or {@code null} at the end of the stream. */
    @Nullable Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = null;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon == 0) {
                continue;
            }
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // id, retry and unknown fields carry nothing Parley uses
                }
            }
        }
        return data == null ? null : new Event(name, data.toString());
    }
}
