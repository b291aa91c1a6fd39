package com.minishop.payment;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answer WeChat Pay gets: 204 when the notification is applied (or already was), otherwise a 4XX
 * or 5XX with {@code {"code":"FAIL","message":...}}, which makes WeChat retry.
 */
public record CallbackAnswer(String outcome, int status, String message) {

    /** WeChat Pay's failure body. */
    @JsonbPropertyOrder({"code", "message"})
    public record Fail(String code, String message) {}

    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    public Response toResponse() {
        if (accepted()) {
            return Response.noContent().build();
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Fail("FAIL", message))
                .build();
    }
}
