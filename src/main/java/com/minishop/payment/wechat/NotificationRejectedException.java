package com.minishop.payment.wechat;

import jakarta.ejb.ApplicationException;
import java.util.Objects;

/**
 * A delivery that was not accepted. The {@link Reason} says why and, through its {@link Category},
 * which HTTP status to answer with. The message is safe to log and to return to the caller: it
 * names the header or field at fault and never holds key material or decrypted content. {@link
 * #claims()} holds what the delivery says about itself (serial, timestamp, notification id, event
 * type), read without trusting it, for the callback log.
 */
@ApplicationException(rollback = true)
public final class NotificationRejectedException extends RuntimeException {

    /** How a rejection is answered. */
    public enum Category {
        /** The request cannot be read: HTTP 400. */
        MALFORMED(400),
        /** The body is over the size cap: HTTP 413. */
        TOO_LARGE(413),
        /** The request is not proven to come from WeChat Pay for this tenant: HTTP 401. */
        NOT_AUTHENTIC(401);

        private final int httpStatus;

        Category(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    /** One value per distinct cause, in the order the verifier checks them. */
    public enum Reason {
        BODY_TOO_LARGE(Category.TOO_LARGE, false),
        MISSING_HEADER(Category.MALFORMED, false),
        /** Present but unusable: empty, given twice, bad characters, not Base64, not digits. */
        MALFORMED_HEADER(Category.MALFORMED, false),
        UNSUPPORTED_SIGNATURE_TYPE(Category.NOT_AUTHENTIC, false),
        /** WeChat's deliberate bad-signature probe ({@code WECHATPAY/SIGNTEST/...}). */
        SIGNTEST_PROBE(Category.NOT_AUTHENTIC, false),
        /** Timestamp more than the tolerance before or after now. */
        TIMESTAMP_OUT_OF_WINDOW(Category.NOT_AUTHENTIC, false),
        /** {@code Wechatpay-Serial} names none of the tenant's platform keys. */
        UNKNOWN_SERIAL(Category.NOT_AUTHENTIC, false),
        /** The named platform certificate is expired or not yet valid. */
        CERTIFICATE_NOT_VALID(Category.NOT_AUTHENTIC, false),
        BAD_SIGNATURE(Category.NOT_AUTHENTIC, false),
        /** Signed, but not UTF-8 JSON of the expected shape (including bad Base64, bad numbers). */
        MALFORMED_BODY(Category.MALFORMED, true),
        /** {@code resource.algorithm} is not {@code AEAD_AES_256_GCM}. */
        UNSUPPORTED_ALGORITHM(Category.NOT_AUTHENTIC, true),
        /** GCM tag check failed: tampered ciphertext, AAD or nonce, or the wrong APIv3 key. */
        DECRYPTION_FAILED(Category.NOT_AUTHENTIC, true),
        MISSING_FIELD(Category.MALFORMED, true),
        /** Signed and well formed, but an event this service does not read. */
        UNKNOWN_EVENT_TYPE(Category.MALFORMED, true);

        private final Category category;
        private final boolean signatureVerified;

        Reason(Category category, boolean signatureVerified) {
            this.category = category;
            this.signatureVerified = signatureVerified;
        }

        public Category category() {
            return category;
        }

        /**
         * True when this reason is only raised after the signature was verified: the delivery did
         * come from WeChat Pay with this tenant's key (a DECRYPTION_FAILED then usually means a
         * wrong APIv3 key on file).
         */
        public boolean signatureVerified() {
            return signatureVerified;
        }
    }

    private final Reason reason;
    private final UnverifiedClaims claims;

    public NotificationRejectedException(Reason reason, String message, UnverifiedClaims claims) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.claims = claims == null ? UnverifiedClaims.NONE : claims;
    }

    public Reason reason() {
        return reason;
    }

    public Category category() {
        return reason.category();
    }

    /** What the delivery claims about itself; never trust it, only log it. */
    public UnverifiedClaims claims() {
        return claims;
    }
}
