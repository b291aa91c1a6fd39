package com.minishop.reconciliation;

import com.minishop.order.OrderView;
import com.minishop.web.ApiException;

/** 409: the order is not in a state this request can work on; the answer shows the order. */
public class OrderStateConflict extends ApiException {

    private final transient OrderView order;

    public OrderStateConflict(String code, String message, OrderView order) {
        super(409, code, message, "orderNo");
        this.order = order;
    }

    public OrderView order() {
        return order;
    }
}
