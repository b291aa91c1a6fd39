package com.minishop.web;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure becomes a JSON {@link ApiError}; a stack trace goes to the log, never to the client. */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {}

    /** WeChat Pay's notify path, whose callers understand only {@code {"code":"FAIL","message":...}}. */
    static final String NOTIFY_PATH = "v1/payments/wechat/notify";

    static Response answer(int status, String code, String message, String field) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code, message, field))
                .build();
    }

    /** On the notify path, any failure gets WeChat's FAIL body; elsewhere our {@link ApiError}. */
    static Response answer(UriInfo uri, int status, String code, String message, String field) {
        if (uri != null && uri.getPath().startsWith(NOTIFY_PATH)) {
            return Response.status(status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(java.util.Map.of("code", "FAIL", "message", message))
                    .build();
        }
        return answer(status, code, message, field);
    }

    /** Client errors our code raised on purpose. */
    @Provider
    public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            LOG.log(Level.INFO, "answered {0} {1}: {2}", new Object[] {e.status(), e.code(), e.getMessage()});
            return answer(e.status(), e.code(), e.getMessage(), e.field());
        }
    }

    /** Errors of JAX-RS itself: unknown path, wrong method or media type. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            var reason = e.getResponse().getStatusInfo().getReasonPhrase();
            LOG.log(Level.FINE, "answered {0}: {1}", new Object[] {status, e.getMessage()});
            return answer(uri, status, "HTTP_" + status, reason, null);
        }
    }

    /** A request body that is not the JSON we expect. */
    @Provider
    public static class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof JsonbException || t instanceof JsonException) {
                    LOG.log(Level.INFO, "answered 400: request body is not valid JSON: {0}", t.getMessage());
                    return answer(400, "INVALID_JSON", "request body is not valid JSON for this resource", "body");
                }
            }
            return ThrowableMapper.internalError(null, e);
        }
    }

    /** Anything else is our failure: logged with an incident id the client can quote. */
    @Provider
    public static class ThrowableMapper implements ExceptionMapper<Throwable> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(Throwable e) {
            return internalError(uri, e);
        }

        static Response internalError(UriInfo uri, Throwable e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "internal error, incident " + incident, e);
            return answer(uri, 500, "INTERNAL_ERROR", "internal error, incident " + incident, null);
        }
    }
}
