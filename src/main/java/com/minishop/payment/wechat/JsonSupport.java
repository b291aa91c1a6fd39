package com.minishop.payment.wechat;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Strict UTF-8 decoding of bodies, and the tolerant peek at an unverified one for the log. Reading
 * proper is {@link JsonCursor}.
 */
final class JsonSupport {

    /** WeChat's bodies nest 3 or 4 deep; 32 leaves room for new fields and stops abuse early. */
    static final int MAX_DEPTH = 32;

    // Looks the JSON-P provider up once; parsers from it are cheap.
    static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonSupport() {}

    static String utf8(byte[] bytes, String what) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text; // fast path: nothing was replaced, so the bytes were valid UTF-8
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(Reason.MALFORMED_BODY, what + " is not valid UTF-8");
        }
    }

    /**
     * The top-level {@code id} and {@code event_type} of an untrusted body, as far as they can be
     * read: a streaming pass that stops at the first problem and never throws.
     */
    static String[] peekIdAndEventType(byte[] body) {
        String[] found = new String[2];
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            int depth = 0;
            String key = null;
            while (parser.hasNext() && (found[0] == null || found[1] == null)) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            return found;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> key = depth == 1 ? parser.getString() : null;
                    case VALUE_STRING -> {
                        if (depth == 1 && "id".equals(key)) {
                            found[0] = parser.getString();
                        } else if (depth == 1 && "event_type".equals(key)) {
                            found[1] = parser.getString();
                        }
                    }
                    default -> {}
                }
            }
        } catch (RuntimeException e) {
            // tolerant by design: an unreadable body just yields fewer claims
        }
        return found;
    }
}
