package com.minishop.payment.wechat;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON reading for notifications. Text is decoded strictly as UTF-8 and its shape (one object,
 * nesting at most {@link #MAX_DEPTH}, nothing after it) is checked by a flat scan before JSON-B
 * sees it, so that no input can exhaust the stack whatever parser the server provides. Messages
 * name what was being read, never the content or the parser's own message (which quotes content).
 */
final class JsonSupport {

    /** WeChat's bodies nest 3 or 4 deep; 32 leaves room for new fields and stops abuse early. */
    static final int MAX_DEPTH = 32;

    // One per class loader: building a Jsonb is expensive, using one is thread-safe.
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonSupport() {}

    static String utf8(byte[] bytes, String what) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text; // fast path: nothing was replaced, so the bytes were valid UTF-8
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(Reason.MALFORMED_BODY, what + " is not valid UTF-8");
        }
    }

    /** One JSON object, at most MAX_DEPTH deep, followed only by whitespace. */
    static void checkShape(String text, String what) {
        int i = skipWhitespace(text, 0);
        if (i == text.length() || text.charAt(i) != '{') {
            throw new Rejection(Reason.MALFORMED_BODY, what + " is not a JSON object");
        }
        int depth = 0;
        boolean inString = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new Rejection(Reason.MALFORMED_BODY, what + " nests deeper than " + MAX_DEPTH + " levels");
                }
            } else if ((c == '}' || c == ']') && --depth == 0) {
                break;
            }
        }
        if (depth != 0 || skipWhitespace(text, i + 1) != text.length()) {
            throw new Rejection(Reason.MALFORMED_BODY, what + " is not a single JSON object");
        }
    }

    static <T> T read(String text, Class<T> type, String what) {
        checkShape(text, what);
        try {
            return JSONB.fromJson(text, type);
        } catch (JsonbException | IllegalStateException | ClassCastException | ArithmeticException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof Rejection rejection) {
                    throw rejection; // our own check inside a deserializer names the field
                }
            }
            throw new Rejection(Reason.MALFORMED_BODY, what + " does not have the expected fields and types");
        }
    }

    /** For JSON-B deserializers: the object at the parser, or null for JSON null. */
    static JsonObject objectOrNull(JsonParser parser, String field, FieldCheck check) {
        JsonValue value = parser.getValue();
        if (value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw check.malformed(field, "an object");
        }
        return object;
    }

    /** A money amount in fen: a JSON number that is a whole number from 0 to Long.MAX_VALUE. */
    static long amount(JsonObject json, String name, String field, FieldCheck check) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            throw check.missing(field);
        }
        if (!(value instanceof JsonNumber number)) {
            throw check.malformed(field, "a number");
        }
        BigDecimal decimal = number.bigDecimalValue();
        if (decimal.signum() < 0) {
            throw check.malformed(field, "zero or positive");
        }
        try {
            return decimal.longValueExact(); // throws on fractions and overflow: never round or wrap
        } catch (ArithmeticException e) {
            throw check.malformed(field, "a whole number of fen within range");
        }
    }

    /** An optional string field: null when absent or JSON null. */
    static String string(JsonObject json, String name, String field, FieldCheck check) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw check.malformed(field, "a string");
        }
        return string.getString();
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
                    default -> { }
                }
            }
        } catch (RuntimeException e) {
            // tolerant by design: an unreadable body just yields fewer claims
        }
        return found;
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }
}
