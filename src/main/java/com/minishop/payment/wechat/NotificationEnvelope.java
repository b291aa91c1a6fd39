package com.minishop.payment.wechat;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;

/**
 * The notification body as WeChat Pay sends it, before decryption. Public only because JSON-B
 * needs it to be; the service reads {@link VerifiedNotification}.
 */
public record NotificationEnvelope(
        @JsonbProperty("id") String id,
        @JsonbProperty("create_time") OffsetDateTime createTime,
        @JsonbProperty("resource_type") String resourceType,
        @JsonbProperty("event_type") String eventType,
        @JsonbProperty("summary") String summary,
        @JsonbProperty("resource") Resource resource) {

    /** The encrypted part: AEAD_AES_256_GCM of the resource JSON with the merchant's APIv3 key. */
    public record Resource(
            @JsonbProperty("original_type") String originalType,
            @JsonbProperty("algorithm") String algorithm,
            @JsonbProperty("ciphertext") String ciphertext,
            @JsonbProperty("associated_data") String associatedData,
            @JsonbProperty("nonce") String nonce) {}

    /** Notification ids go into the service's idempotency log; WeChat documents up to 36 chars. */
    static final int MAX_ID_LENGTH = 64;

    NotificationEnvelope requireComplete() {
        FieldCheck check = new FieldCheck("the notification body");
        check.text(id, "id");
        if (id.length() > MAX_ID_LENGTH) {
            throw new Rejection(NotificationRejectedException.Reason.MALFORMED_BODY,
                    "field id is longer than " + MAX_ID_LENGTH + " characters");
        }
        check.present(createTime, "create_time");
        check.text(eventType, "event_type");
        check.present(resource, "resource");
        check.text(resource.algorithm(), "resource.algorithm");
        check.text(resource.ciphertext(), "resource.ciphertext");
        check.text(resource.nonce(), "resource.nonce");
        return this;
    }
}
