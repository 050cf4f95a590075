package dev.parley.protocol.v2;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** The transport of a realtime conversation. Only {@code websocket} is supported; {@code webrtc} fails preflight. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ThreadRealtimeStartTransport.Websocket.class, name = "websocket"),
        @JsonSubTypes.Type(value = ThreadRealtimeStartTransport.Webrtc.class, name = "webrtc")})
public sealed interface ThreadRealtimeStartTransport {

    /** A WebSocket to the upstream. */
    @JsonTypeName("websocket")
    record Websocket() implements ThreadRealtimeStartTransport {
    }

    /** WebRTC with the client's SDP offer: a valid shape, refused by preflight. */
    @JsonTypeName("webrtc")
    record Webrtc(String sdp) implements ThreadRealtimeStartTransport {
    }
}
