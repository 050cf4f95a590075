package dev.parley.realtime.upstream;

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

    static RealtimeEventParser forVersion(RealtimeVersion version) {
        // output audio, nearly every message while the model speaks, skips the tree (AudioDeltaFastPath)
        return version == RealtimeVersion.V1
                ? json -> AudioDeltaFastPath.parse(json, version, QuicksilverEventParser::parse)
                : json -> AudioDeltaFastPath.parse(json, version, RealtimeV2EventParser::parse);
    }
}
