package com.minishop.payment.wechat;

import static com.minishop.payment.wechat.NotificationHeaders.SERIAL;
import static com.minishop.payment.wechat.NotificationHeaders.SIGNATURE;
import static com.minishop.payment.wechat.NotificationHeaders.TIMESTAMP;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import javax.crypto.AEADBadTagException;

/**
 * Verifies, decrypts and reads one WeChat Pay v3 notification delivery for one tenant. Thread-safe
 * and meant to be built once and reused. Checks run in this order, each with its own {@link
 * Reason}: body size; headers present and well formed; signature type; SIGNTEST probe; timestamp
 * within the tolerance of now in both directions; serial among the tenant's keys; certificate valid
 * now; SHA256withRSA over {@code timestamp\nnonce\nbody\n} on the raw bytes; envelope JSON and its
 * required fields; {@code AEAD_AES_256_GCM}; event type; decryption with the tag checked; the
 * resource read into a {@link Transaction} or {@link Refund}.
 */
public final class NotificationVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final String SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";
    public static final String SIGNTEST_PREFIX = "WECHATPAY/SIGNTEST/";
    public static final String ALGORITHM = "AEAD_AES_256_GCM";

    private static final Set<String> REFUND_EVENTS = Set.of("REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED");
    private static final int MAX_TIMESTAMP_DIGITS = 12;
    private static final int MAX_TOKEN_LENGTH = 64;
    private static final int MAX_SIGNATURE_LENGTH = 1024; // Base64 of an RSA-4096 signature is 684
    private static final byte[] NO_BYTES = new byte[0];

    private final Clock clock;
    private final Duration tolerance;
    private final int maxBodyBytes;

    /** System clock, 300 s tolerance, 64 KiB body cap. */
    public NotificationVerifier() {
        this(Clock.systemUTC(), DEFAULT_TOLERANCE, DEFAULT_MAX_BODY_BYTES);
    }

    public NotificationVerifier(Clock clock, Duration tolerance) {
        this(clock, tolerance, DEFAULT_MAX_BODY_BYTES);
    }

    public NotificationVerifier(Clock clock, Duration tolerance, int maxBodyBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The largest body accepted; read at most one byte more than this from the request. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public Duration tolerance() {
        return tolerance;
    }

    /**
     * Accepts the delivery or throws {@link NotificationRejectedException}.
     *
     * @param rawBody the request body exactly as received, never re-encoded
     * @param headers the delivery's {@code Wechatpay-*} headers
     * @param credentials the merchant account of the tenant the delivery was addressed to
     */
    public VerifiedNotification verify(byte[] rawBody, NotificationHeaders headers, MerchantCredentials credentials) {
        Objects.requireNonNull(rawBody, "rawBody");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(credentials, "credentials");
        if (rawBody.length > maxBodyBytes) {
            // before anything else, and without reading the body even for the log
            throw new NotificationRejectedException(
                    Reason.BODY_TOO_LARGE,
                    "body is larger than " + maxBodyBytes + " bytes",
                    new UnverifiedClaims(headers.serial(), headers.timestamp(), null, null));
        }
        try {
            Signed signed = checkSignature(rawBody, headers, credentials);
            return read(rawBody, signed, credentials);
        } catch (Rejection rejection) {
            throw new NotificationRejectedException(rejection.reason(), rejection.getMessage(), peek(rawBody, headers));
        }
    }

    /**
     * Checks the signature of a WeChat Pay API response exactly as a notification's: headers present and
     * well formed, signature type, timestamp within the tolerance, serial among the tenant's keys,
     * certificate valid, SHA256withRSA over {@code timestamp\nnonce\nbody\n} on the raw bytes (an
     * empty body for a 204). Throws {@link NotificationRejectedException} with the reason otherwise.
     */
    public void verifyResponse(byte[] rawBody, NotificationHeaders headers, MerchantCredentials credentials) {
        Objects.requireNonNull(rawBody, "rawBody");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(credentials, "credentials");
        try {
            checkSignature(rawBody, headers, credentials);
        } catch (Rejection rejection) {
            throw new NotificationRejectedException(
                    rejection.reason(),
                    rejection.getMessage(),
                    new UnverifiedClaims(headers.serial(), headers.timestamp(), null, null));
        }
    }

    /**
     * What a delivery claims about itself, read without verifying anything, for logging. Tolerant:
     * never throws; a body over the cap is not looked at.
     */
    public UnverifiedClaims peek(byte[] rawBody, NotificationHeaders headers) {
        String serial = headers == null ? null : headers.serial();
        String timestamp = headers == null ? null : headers.timestamp();
        if (rawBody == null || rawBody.length > maxBodyBytes) {
            return new UnverifiedClaims(serial, timestamp, null, null);
        }
        String[] idAndEventType = JsonSupport.peekIdAndEventType(rawBody);
        return new UnverifiedClaims(serial, timestamp, idAndEventType[0], idAndEventType[1]);
    }

    /** Which key signed, and when WeChat says it sent the delivery. */
    private record Signed(PlatformKey key, Instant timestamp) {}

    private Signed checkSignature(byte[] body, NotificationHeaders headers, MerchantCredentials credentials) {
        checkHeadersPresentAndWellFormed(headers);
        String signatureType = headers.signatureType();
        if (signatureType != null && !SIGNATURE_TYPE.equals(signatureType)) {
            throw new Rejection(
                    Reason.UNSUPPORTED_SIGNATURE_TYPE,
                    "header " + NotificationHeaders.SIGNATURE_TYPE + " is not " + SIGNATURE_TYPE);
        }
        if (headers.signature().startsWith(SIGNTEST_PREFIX)) {
            throw new Rejection(Reason.SIGNTEST_PROBE, "signature is a WeChat Pay SIGNTEST probe");
        }
        byte[] signature = decodeSignature(headers.signature());

        Instant now = clock.instant();
        Instant timestamp = Instant.ofEpochSecond(Long.parseLong(headers.timestamp()));
        if (Duration.between(timestamp, now).abs().compareTo(tolerance) > 0) {
            String window = tolerance.toSeconds() + " s";
            throw new Rejection(
                    Reason.TIMESTAMP_OUT_OF_WINDOW, "header " + TIMESTAMP + " is more than " + window + " from now");
        }
        PlatformKey key = credentials.platformKey(headers.serial()).orElse(null);
        if (key == null) {
            throw new Rejection(Reason.UNKNOWN_SERIAL, "header " + SERIAL + " names no key of this merchant");
        }
        if (!key.validAt(now)) {
            throw new Rejection(
                    Reason.CERTIFICATE_NOT_VALID,
                    "platform certificate " + key.serial() + " is expired or not yet valid");
        }
        if (!Crypto.verify(key.publicKey(), headers.timestamp(), headers.nonce(), body, signature)) {
            throw new Rejection(Reason.BAD_SIGNATURE, "signature does not match the body and headers");
        }
        return new Signed(key, timestamp);
    }

    /** The body is WeChat's own from here on: what remains is reading it. */
    private static VerifiedNotification read(byte[] body, Signed signed, MerchantCredentials credentials) {
        NotificationEnvelope envelope =
                JsonCursor.read(JsonSupport.utf8(body, "body"), NotificationEnvelope.WHERE, NotificationEnvelope::read);
        if (!ALGORITHM.equals(envelope.resource().algorithm())) {
            throw new Rejection(Reason.UNSUPPORTED_ALGORITHM, "field resource.algorithm is not " + ALGORITHM);
        }
        boolean transaction = isTransaction(envelope);
        String plaintext = JsonSupport.utf8(decrypt(envelope.resource(), credentials), "decrypted resource");
        NotificationResource content = transaction
                ? JsonCursor.read(plaintext, Transaction.WHERE, Transaction::read)
                : JsonCursor.read(plaintext, Refund.WHERE, Refund::read);
        return new VerifiedNotification(
                envelope.id(),
                envelope.eventType(),
                envelope.createTime(),
                envelope.summary(),
                signed.key().serial(),
                signed.timestamp(),
                content);
    }

    private static void checkHeadersPresentAndWellFormed(NotificationHeaders headers) {
        if (headers.repeatedHeader() != null) {
            throw new Rejection(
                    Reason.MALFORMED_HEADER, "header " + headers.repeatedHeader() + " is given more than once");
        }
        require(headers.timestamp(), TIMESTAMP);
        require(headers.nonce(), NotificationHeaders.NONCE);
        require(headers.signature(), SIGNATURE);
        require(headers.serial(), SERIAL);
        String timestamp = headers.timestamp();
        if (timestamp.isEmpty() || timestamp.length() > MAX_TIMESTAMP_DIGITS || !allBetween(timestamp, '0', '9')) {
            throw malformed(TIMESTAMP, "1 to " + MAX_TIMESTAMP_DIGITS + " decimal digits");
        }
        // Visible ASCII only: these go into the signed message and the log as they are.
        requireToken(headers.nonce(), NotificationHeaders.NONCE);
        requireToken(headers.serial(), SERIAL);
        if (headers.signature().isEmpty() || headers.signature().length() > MAX_SIGNATURE_LENGTH) {
            throw malformed(SIGNATURE, "1 to " + MAX_SIGNATURE_LENGTH + " characters");
        }
    }

    private static void require(String value, String header) {
        if (value == null) {
            throw new Rejection(Reason.MISSING_HEADER, "header " + header + " is missing");
        }
    }

    private static void requireToken(String value, String header) {
        if (value.isEmpty() || value.length() > MAX_TOKEN_LENGTH || !allBetween(value, '!', '~')) {
            throw malformed(header, "1 to " + MAX_TOKEN_LENGTH + " visible ASCII characters");
        }
    }

    private static boolean allBetween(String value, char low, char high) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < low || value.charAt(i) > high) {
                return false;
            }
        }
        return true;
    }

    private static Rejection malformed(String header, String expected) {
        return new Rejection(Reason.MALFORMED_HEADER, "header " + header + " must be " + expected);
    }

    private static byte[] decodeSignature(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw malformed(SIGNATURE, "Base64");
        }
    }

    /**
     * TRANSACTION.* carries a transaction, the three REFUND events a refund; nothing else is read.
     */
    private static boolean isTransaction(NotificationEnvelope envelope) {
        String eventType = envelope.eventType();
        boolean transaction = eventType.startsWith("TRANSACTION.");
        if (!transaction && !REFUND_EVENTS.contains(eventType)) {
            throw new Rejection(
                    Reason.UNKNOWN_EVENT_TYPE,
                    "event_type " + UnverifiedClaims.clean(eventType) + " is not one this service reads");
        }
        if (!envelope.requiredOriginalType().equals(transaction ? "transaction" : "refund")) {
            throw new Rejection(
                    Reason.MALFORMED_BODY,
                    "field resource.original_type does not match event_type " + UnverifiedClaims.clean(eventType));
        }
        return transaction;
    }

    private static byte[] decrypt(NotificationEnvelope.Resource resource, MerchantCredentials credentials) {
        byte[] nonce = resource.nonce().getBytes(StandardCharsets.UTF_8);
        if (nonce.length != Crypto.GCM_NONCE_BYTES) {
            throw new Rejection(
                    Reason.MALFORMED_BODY, "field resource.nonce is not " + Crypto.GCM_NONCE_BYTES + " bytes");
        }
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(resource.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new Rejection(Reason.MALFORMED_BODY, "field resource.ciphertext is not Base64");
        }
        if (ciphertext.length < Crypto.GCM_TAG_BITS / 8) {
            throw new Rejection(Reason.DECRYPTION_FAILED, "field resource.ciphertext is shorter than the GCM tag");
        }
        String associatedData = resource.associatedData();
        byte[] aad = associatedData == null ? NO_BYTES : associatedData.getBytes(StandardCharsets.UTF_8);
        try {
            return Crypto.decrypt(credentials.aesKey(), nonce, aad, ciphertext);
        } catch (AEADBadTagException e) {
            throw new Rejection(
                    Reason.DECRYPTION_FAILED, "resource failed the AES-GCM tag check (tampered, or another APIv3 key)");
        }
    }
}
