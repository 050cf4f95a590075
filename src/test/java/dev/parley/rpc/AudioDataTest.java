package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.error.ApiException;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioDataTest {

    @Test
    void acceptsExactlyWhatTheJdkDecoderAccepts() {
        Random random = new Random(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ *";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 64 : alphabet.length())));
            }
            String candidate = text.toString();
            boolean jdk;
            try {
                Base64.getDecoder().decode(candidate);
                jdk = true;
            } catch (IllegalArgumentException e) {
                jdk = false;
            }
            if (jdk) {
                assertThatCode(() -> AudioData.requireBase64(candidate)).as(candidate).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> AudioData.requireBase64(candidate)).as(candidate)
                        .isInstanceOf(ApiException.class).hasMessage("Invalid params: audio.data is not valid base64");
            }
        }
    }
}
