package com.minishop.refund;

import com.minishop.payment.RefundRecord;
import com.minishop.web.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Locale;
import java.util.UUID;

/**
 * The body of a refund request, {@code {"outRefundNo"?,"amount","reason"?}}: read strictly (an amount is a
 * whole positive number of fen, never rounded; an unknown field is refused, so a typo cannot drop a value).
 * {@code outRefundNo} is generated when absent.
 */
public record RefundRequest(String outRefundNo, long amount, String reason) {

    /** The request, or a 400 naming the first field we refuse. */
    public static RefundRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "a body {\"amount\":<fen>} is required");
        }
        JsonObject object;
        try (var reader = Json.createReader(new StringReader(body))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidInputException("body", "request body is not a JSON object");
        }
        for (String name : object.keySet()) {
            if (!name.equals("outRefundNo") && !name.equals("amount") && !name.equals("reason")) {
                throw new InvalidInputException(name, "unknown field " + name + " (outRefundNo, amount, reason)");
            }
        }
        String outRefundNo = string(object, "outRefundNo");
        if (outRefundNo == null) {
            outRefundNo = "R" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        } else if (!RefundRecord.OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            throw new InvalidInputException("outRefundNo", "outRefundNo must be 1-64 of 0-9 A-Z a-z _ - | * @");
        }
        if (!(object.get("amount") instanceof JsonNumber number)) {
            throw new InvalidInputException("amount", "amount must be a positive whole number of fen");
        }
        long amount;
        try {
            amount = number.bigDecimalValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidInputException("amount", "amount must be a positive whole number of fen");
        }
        if (amount <= 0) {
            throw new InvalidInputException("amount", "amount must be a positive whole number of fen");
        }
        String reason = string(object, "reason");
        if (reason != null && reason.codePointCount(0, reason.length()) > RefundRecord.REASON_MAX) {
            throw new InvalidInputException(
                    "reason", "reason may have at most " + RefundRecord.REASON_MAX + " characters");
        }
        return new RefundRequest(outRefundNo, amount, reason == null || reason.isEmpty() ? null : reason);
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidInputException(name, name + " must be a string");
    }
}
