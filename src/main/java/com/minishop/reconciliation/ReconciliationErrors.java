package com.minishop.reconciliation;

import com.minishop.order.OrderView;
import com.minishop.wechatpay.WechatPayException;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The answers of this package's failures, in the API's error shape. */
public final class ReconciliationErrors {

    private static final Logger LOG = Logger.getLogger(ReconciliationErrors.class.getName());

    private ReconciliationErrors() {}

    /** The error shape with the order it is about. */
    @JsonbNillable
    public record WithOrder(String code, String message, String field, OrderView order) {}

    /** WeChat Pay gave no usable answer: 502, nothing changed. */
    @Provider
    public static class WechatPayFailureMapper implements ExceptionMapper<WechatPayException> {
        @Override
        public Response toResponse(WechatPayException e) {
            LOG.log(Level.INFO, "answered 502 {0}: {1}", new Object[] {e.code(), e.getMessage()});
            return Response.status(502)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new com.minishop.web.ApiError(e.code(), e.getMessage(), null))
                    .build();
        }
    }

    /** 409 with the order. */
    @Provider
    public static class OrderStateConflictMapper implements ExceptionMapper<OrderStateConflict> {
        @Override
        public Response toResponse(OrderStateConflict e) {
            LOG.log(Level.INFO, "answered 409 {0}: {1}", new Object[] {e.code(), e.getMessage()});
            return Response.status(409)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new WithOrder(e.code(), e.getMessage(), e.field(), e.order()))
                    .build();
        }
    }
}
