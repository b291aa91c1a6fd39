package com.minishop.payment.wechat;

import com.minishop.payment.wechat.NotificationRejectedException.Reason;
import java.time.OffsetDateTime;

/**
 * The notification body as WeChat Pay sends it, before decryption; read once its signature holds.
 */
record NotificationEnvelope(
        String id,
        OffsetDateTime createTime,
        String resourceType,
        String eventType,
        String summary,
        Resource resource) {

    /** The encrypted part: AEAD_AES_256_GCM of the resource JSON with the merchant's APIv3 key. */
    record Resource(String originalType, String algorithm, String ciphertext, String associatedData, String nonce) {}

    static final String WHERE = "the notification body";

    /** Notification ids go into the service's idempotency log; WeChat documents up to 36 chars. */
    static final int MAX_ID_LENGTH = 64;

    /**
     * Required: id, create_time, event_type, resource with algorithm, ciphertext and nonce.
     * original_type is checked against the event type later; associated_data may be absent (empty).
     */
    static NotificationEnvelope read(JsonCursor in) {
        String id = null;
        OffsetDateTime createTime = null;
        String resourceType = null;
        String eventType = null;
        String summary = null;
        Resource resource = null;
        while (in.nextMember()) {
            switch (in.name()) {
                case "id" -> id = in.string();
                case "create_time" -> createTime = in.time();
                case "resource_type" -> resourceType = in.string();
                case "event_type" -> eventType = in.string();
                case "summary" -> summary = in.string();
                case "resource" -> resource = readResource(in);
                default -> {} // not ours to read
            }
        }
        if (in.required(id, "id").length() > MAX_ID_LENGTH) {
            throw new Rejection(
                    Reason.MALFORMED_BODY, "field id in " + WHERE + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return new NotificationEnvelope(
                id,
                in.required(createTime, "create_time"),
                resourceType,
                in.required(eventType, "event_type"),
                summary,
                in.required(resource, "resource"));
    }

    /** original_type is only required of the events this service reads. */
    String requiredOriginalType() {
        String originalType = resource.originalType();
        if (originalType == null || originalType.isEmpty()) {
            throw new Rejection(Reason.MISSING_FIELD, "missing field resource.original_type in " + WHERE);
        }
        return originalType;
    }

    private static Resource readResource(JsonCursor in) {
        if (!in.enterObject()) {
            return null;
        }
        String originalType = null;
        String algorithm = null;
        String ciphertext = null;
        String associatedData = null;
        String nonce = null;
        while (in.nextMember()) {
            switch (in.name()) {
                case "original_type" -> originalType = in.string();
                case "algorithm" -> algorithm = in.string();
                case "ciphertext" -> ciphertext = in.string();
                case "associated_data" -> associatedData = in.string();
                case "nonce" -> nonce = in.string();
                default -> {}
            }
        }
        return new Resource(
                originalType,
                in.required(algorithm, "resource.algorithm"),
                in.required(ciphertext, "resource.ciphertext"),
                associatedData,
                in.required(nonce, "resource.nonce"));
    }
}
