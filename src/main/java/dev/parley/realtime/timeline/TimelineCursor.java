package dev.parley.realtime.timeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque {@code cursor} of {@code thread/realtime/list}: the pinned snapshot end, the key of the last entry
 * of the previous page, and a fingerprint of the query (filters and order) it belongs to, sealed with an HMAC so
 * that a string Parley did not issue is told apart from a cursor of another query. The key is fixed, not
 * per process: a cursor stays valid across restarts, like the history it pages through.
 */
record TimelineCursor(long snapshotEnd, long observedAtMs, long position, long queryFingerprint) {

    private static final byte[] KEY = "parley realtime timeline cursor v1".getBytes(StandardCharsets.UTF_8);
    private static final int PAYLOAD = 4 * Long.BYTES;
    private static final int TAG = 12;

    String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(PAYLOAD + TAG);
        buffer.putLong(snapshotEnd).putLong(observedAtMs).putLong(position).putLong(queryFingerprint);
        buffer.put(tag(buffer.array()), 0, TAG);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The cursor, or empty if Parley did not issue this string. */
    static Optional<TimelineCursor> decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != PAYLOAD + TAG) {
            return Optional.empty();
        }
        byte[] expected = tag(bytes);
        byte[] actual = new byte[TAG];
        System.arraycopy(bytes, PAYLOAD, actual, 0, TAG);
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, TAG), actual)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return Optional.of(new TimelineCursor(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong()));
    }

    /** A 64-bit fingerprint of the query identity (everything a cursor pins besides the snapshot). */
    static long fingerprint(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] tag(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            mac.update(bytes, 0, PAYLOAD);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
