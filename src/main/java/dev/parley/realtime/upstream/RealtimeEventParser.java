package dev.parley.realtime.upstream;

import dev.parley.protocol.RealtimeConversationVersion;
import dev.parley.protocol.RealtimeEvent;
import java.util.Optional;

/**
 * Turns one upstream text message into at most one {@link RealtimeEvent} ({@code 03} §9). Pure: no state,
 * no I/O. Messages that are not JSON objects with a string {@code type}, unknown types and known types
 * missing a required field yield {@link Optional#empty()}.
 */
@FunctionalInterface
public interface RealtimeEventParser {

    Optional<RealtimeEvent> parse(String json);

    static RealtimeEventParser forVersion(RealtimeConversationVersion version) {
        // output audio, nearly every message while the model speaks, skips the tree (AudioDeltaFastPath)
        return version == RealtimeConversationVersion.V1
                ? json -> AudioDeltaFastPath.parse(json, version, RealtimeV1EventParser::parse)
                : json -> AudioDeltaFastPath.parse(json, version, RealtimeV2EventParser::parse);
    }
}
