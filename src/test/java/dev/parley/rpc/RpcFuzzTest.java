package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testsupport.RpcTestClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * 10,000 mutated and random frames on one connection (08 §2): every request with an id is answered exactly
 * once with a JSON-RPC error or result, the connection and a bystander keep working, and nothing that looks
 * like a stack trace or a Java class name reaches the client. The seed is fixed, so a failure reproduces.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "parley.rpc.max-message-bytes=65536")
class RpcFuzzTest {

    private static final int FRAMES = 10_000;
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-zA-Z.$]+\\(|java\\.|tools\\.jackson|dev\\.parley|springframework|Caused by");
    private static final Set<Integer> CODES = Set.of(-32700, -32600, -32601, -32602, -32001);

    @LocalServerPort
    int port;

    private final Random random = new Random(20261121);

    @Test
    void fuzzedFramesAreAllAnsweredAndNothingLeaks() {
        try (RpcTestClient fuzzed = RpcTestClient.initialized(port); RpcTestClient bystander = RpcTestClient.initialized(port)) {
            String threadId = fuzzed.request("thread/start", "{}").get("result").get("thread").get("id").asString();
            Set<String> expected = new HashSet<>();
            for (int n = 0; n < FRAMES; n++) {
                if (random.nextInt(4) == 0) {
                    fuzzed.send(garbage());
                } else {
                    String id = "f-" + n;
                    expected.add(id);
                    fuzzed.send(request(id, threadId));
                }
                if (n % 500 == 499) {
                    assertThat(bystander.request("thread/list", "{\"limit\":1}").has("result")).isTrue();
                }
            }
            fuzzed.send("{\"id\":\"last\",\"method\":\"thread/list\",\"params\":{}}");
            Set<String> answered = new HashSet<>();
            List<String> problems = new ArrayList<>();
            boolean lastAnswered = false;
            // responses of different execution scopes may arrive in any order (02 §2.6): read until all are in
            while (!lastAnswered || !answered.containsAll(expected)) {
                JsonNode message = fuzzed.next();
                String raw = message.toString();
                if (LEAK.matcher(raw).find()) {
                    problems.add("leak: " + raw);
                }
                JsonNode id = message.get("id");
                if (message.has("error")) {
                    int code = message.get("error").get("code").asInt();
                    if (!CODES.contains(code)) {
                        problems.add("unexpected code: " + raw);
                    }
                }
                if (id != null && id.isString() && id.asString().startsWith("f-") && !answered.add(id.asString())) {
                    problems.add("answered twice: " + raw);
                }
                lastAnswered |= id != null && "last".equals(id.asString(null));
            }
            assertThat(problems).isEmpty();
            assertThat(answered).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(fuzzed.request("thread/read", "{\"threadId\":\"" + threadId + "\"}").has("result")).isTrue();
            assertThat(bystander.request("thread/list", "{\"limit\":1}").has("result")).isTrue();
        }
    }

    /** A request object with the given id whose method and params are drawn from valid and broken shapes. */
    private String request(String id, String threadId) {
        String[] methods = {"thread/start", "thread/list", "thread/read", "thread/resume", "thread/unsubscribe",
                "thread/realtime/appendAudio", "thread/realtime/start", "thread/realtime/stop", "turn/start",
                "initialize", "initialized", "no/such/method", "", "THREAD/LIST"};
        String method = random.nextInt(10) == 0 ? value() : quote(methods[random.nextInt(methods.length)]);
        String params = switch (random.nextInt(6)) {
            case 0 -> value();
            case 1 -> "{\"threadId\":" + (random.nextBoolean() ? quote(threadId) : value()) + "}";
            case 2 -> "{\"threadId\":" + quote(threadId) + ",\"audio\":{\"data\":" + value()
                    + ",\"sampleRate\":" + value() + ",\"numChannels\":1}}";
            case 3 -> "{\"threadId\":" + quote(threadId) + ",\"outputModality\":" + value() + ",\"version\":"
                    + value() + ",\"voice\":" + value() + ",\"transport\":" + value() + "}";
            case 4 -> "{\"limit\":" + value() + ",\"cursor\":" + value() + ",\"clientInfo\":" + value() + "}";
            default -> "{\"threadId\":" + quote(threadId) + ",\"input\":[" + value() + "]}";
        };
        return "{\"id\":" + quote(id) + ",\"method\":" + method + ",\"params\":" + params + "}";
    }

    /** Frames that are not well-formed requests: bad JSON, non-objects, bad ids, truncations. */
    private String garbage() {
        String valid = "{\"id\":1,\"method\":\"thread/list\",\"params\":{\"limit\":2}}";
        return switch (random.nextInt(8)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length()));
            case 1 -> randomText(random.nextInt(200));
            case 2 -> "[" + valid + "]";
            case 3 -> value();
            case 4 -> "{\"id\":" + value() + ",\"method\":\"thread/list\"}";
            case 5 -> "{\"params\":" + value() + "}";
            case 6 -> "[".repeat(2000 + random.nextInt(2000));
            default -> {
                char[] chars = valid.toCharArray();
                chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
                yield new String(chars);
            }
        };
    }

    private String value() {
        return switch (random.nextInt(11)) {
            case 0 -> "null";
            case 1 -> Integer.toString(random.nextInt(2000) - 1000);
            case 2 -> "1.5e300";
            case 3 -> "true";
            case 4 -> "{}";
            case 5 -> "[]";
            case 6 -> quote("x".repeat(random.nextInt(20_000)));
            case 7 -> quote("not*base64!" + random.nextInt());
            case 8 -> "\"\\u0000\\ud800\"";
            case 9 -> "99999999999999999999999";
            default -> quote(randomText(random.nextInt(40)).replace("\\", "").replace("\"", ""));
        };
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (32 + random.nextInt(0x2FF)));
        }
        return text.toString();
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
