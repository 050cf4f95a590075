package dev.parley.bench;

/**
 * How the generator speaks to one kind of target. {@code DIRECT} is the upstream dialect itself (the physical
 * limit); the others are the JSON-RPC subset shared by Parley, the Codex app-server and the Node relay.
 */
enum Dialect {
    DIRECT("/v1/realtime?model=bench", false),
    RPC_NOTIFICATION("/rpc", false),
    RPC_REQUEST("/rpc", true);

    final String path;
    final boolean requestForm;

    Dialect(String path, boolean requestForm) {
        this.path = path;
        this.requestForm = requestForm;
    }

    boolean rpc() {
        return this != DIRECT;
    }

    /** The text before the base64 audio of an output frame this client receives. */
    byte[] outputMarker() {
        return (rpc() ? "\"data\":\"" : "\"delta\":\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** One input audio message, with {@link FrameTemplate#AUDIO} (and {@link FrameTemplate#ID}) to fill per tick. */
    String audioTemplate(String threadId) {
        if (!rpc()) {
            return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + FrameTemplate.AUDIO + "\"}";
        }
        return "{" + (requestForm ? "\"id\":\"" + FrameTemplate.ID + "\"," : "")
                + "\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"" + threadId
                + "\",\"audio\":{\"data\":\"" + FrameTemplate.AUDIO + "\",\"sampleRate\":24000,\"numChannels\":1,"
                + "\"samplesPerChannel\":480}}}";
    }
}
