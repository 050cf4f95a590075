package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.error.ApiException;
import dev.parley.error.ParamsBinder;
import dev.parley.protocol.WireJson;
import dev.parley.protocol.v2.ThreadRealtimeAppendAudioParams;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audio fast path must be invisible: whenever it recognises a call, the general path (tree, validation,
 * binding) would have produced exactly the same id and params; everything else is left to the general path.
 */
class AppendAudioReaderTest {

    private static final JsonMapper JSON = WireJson.mapper();
    private static final AppendAudioReader READER = new AppendAudioReader(JSON);
    private static final String AUDIO = "\"audio\":{\"data\":\"AAAA//8=\",\"sampleRate\":24000,\"numChannels\":1,"
            + "\"samplesPerChannel\":480}";

    @Test
    void readsTheNotificationAndTheRequestFormLikeTheGeneralPath() {
        for (String text : List.of(
                "{\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{\"id\":\"a\",\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{\"id\":7,\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{\"id\":9007199254740993,\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"t1\","
                        + AUDIO + "}}",
                "{\"params\":{" + AUDIO + ",\"threadId\":\"t1\"},\"method\":\"thread/realtime/appendAudio\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"t\\u0031\","
                        + "\"extra\":[1,{\"a\":2}],\"audio\":{\"data\":\"AA\\/A\",\"sampleRate\":16000,\"numChannels\":2,"
                        + "\"itemId\":\"i1\",\"more\":{}}}}",
                "{\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"\","
                        + "\"sampleRate\":-1,\"numChannels\":0,\"samplesPerChannel\":null,\"itemId\":null}}}",
                " {\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}} ")) {
            AppendAudioReader.Call call = READER.read(text);
            assertThat(call).as(text).isNotNull();
            assertThat(call).as(text).isEqualTo(general(text));
        }
    }

    @Test
    void leavesEverythingUnusualToTheGeneralPath() {
        String method = "\"method\":\"thread/realtime/appendAudio\"";
        for (String text : List.of(
                "",
                "[]",
                "{\"method\":\"thread/realtime/appendText\",\"params\":{\"threadId\":\"t1\",\"text\":\"thread/realtime/appendAudio\"}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}} x",
                "{" + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}{}",
                "{" + method + "," + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{\"id\":null," + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{\"id\":1.5," + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{\"id\":true," + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{\"id\":99999999999999999999," + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{\"id\":1,\"id\":2," + method + ",\"params\":{\"threadId\":\"t1\"," + AUDIO + "}}",
                "{" + method + "}",
                "{" + method + ",\"params\":null}",
                "{" + method + ",\"params\":[]}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\"}}",
                "{" + method + ",\"params\":{" + AUDIO + "}}",
                "{" + method + ",\"params\":{\"threadId\":null," + AUDIO + "}}",
                "{" + method + ",\"params\":{\"threadId\":5," + AUDIO + "}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"threadId\":\"t2\"," + AUDIO + "}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":null}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"sampleRate\":1,\"numChannels\":1}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":7,\"sampleRate\":1,\"numChannels\":1}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"AA\",\"sampleRate\":1.0,\"numChannels\":1}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"AA\",\"sampleRate\":\"1\",\"numChannels\":1}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"AA\",\"sampleRate\":4294967296,\"numChannels\":1}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"AA\",\"sampleRate\":null,\"numChannels\":1}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"AA\",\"sampleRate\":1}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"AA\",\"sampleRate\":1,\"numChannels\":1,"
                        + "\"samplesPerChannel\":\"480\"}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"AA\",\"sampleRate\":1,\"numChannels\":1,"
                        + "\"itemId\":3}}}",
                "{" + method + ",\"params\":{\"threadId\":\"t1\",\"audio\":{\"data\":\"AA\",\"data\":\"BB\",\"sampleRate\":1,"
                        + "\"numChannels\":1}}}")) {
            assertThat(READER.read(text)).as(text).isNull();
        }
    }

    /** Random damage to a valid call: the fast path either declines or agrees with the general path. */
    @Test
    void neverDisagreesWithTheGeneralPathOnDamagedInput() {
        String valid = "{\"id\":12,\"method\":\"thread/realtime/appendAudio\",\"params\":{\"threadId\":\"t1\","
                + AUDIO + "}}";
        String pieces = "{}[]\":,0123456789.-eE nulltruefalse\\u";
        Random random = new Random(12);
        int recognised = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder(valid);
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, pieces.charAt(random.nextInt(pieces.length())));
                    default -> text.setCharAt(at, pieces.charAt(random.nextInt(pieces.length())));
                }
            }
            String candidate = text.toString();
            AppendAudioReader.Call call = READER.read(candidate);
            if (call != null) {
                recognised++;
                assertThat(call).as(candidate).isEqualTo(general(candidate));
            }
        }
        assertThat(recognised).isPositive();
    }

    /** What the general path makes of {@code text}: its id and bound params, or null if it would not bind. */
    private static AppendAudioReader.Call general(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
        if (message == null || !message.isObject() || !message.path("method").isString()
                || !message.get("method").asString().equals("thread/realtime/appendAudio")) {
            return null;
        }
        JsonNode id = message.get("id");
        if (id != null && !(id.isString() || (id.isIntegralNumber() && id.canConvertToLong()))) {
            return null;
        }
        try {
            return new AppendAudioReader.Call(id, new ParamsBinder(JSON).bind(message.get("params"),
                    ThreadRealtimeAppendAudioParams.class));
        } catch (ApiException e) {
            return null;
        }
    }
}
