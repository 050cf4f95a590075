package dev.parley.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void lengthIsTheUtf8ByteCount() {
        for (String text : new String[] {"", "abc", "é", "€", "😀", "a€😀b"}) {
            assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void loneSurrogatesAreReplacedAndValidTextIsReturnedAsIs() {
        String valid = "ok 😀 €";
        assertThat(Utf8.withoutLoneSurrogates(valid)).isSameAs(valid);
        assertThat(Utf8.withoutLoneSurrogates("a\ud800b")).isEqualTo("a\uFFFDb");
        assertThat(Utf8.withoutLoneSurrogates("\udc00😀\ud83d")).isEqualTo("\uFFFD😀\uFFFD");
    }
}
