package com.minishop.order;

import com.minishop.web.InvalidInputException;
import java.time.OffsetDateTime;

/** The body of {@code POST /api/v1/tenants/{tenantId}/orders}; {@code currency} defaults to CNY. */
public record NewOrderRequest(String orderNo, Long amountTotal, String currency, String description) {

    /** The new order, or a 400 naming the first field we refuse. */
    Order toOrder(OffsetDateTime now) {
        if (orderNo == null || !Order.ORDER_NO.matcher(orderNo).matches()) {
            throw new InvalidInputException("orderNo", "orderNo must be 6-32 of 0-9 A-Z a-z _ - | *");
        }
        if (amountTotal == null || amountTotal <= 0) {
            throw new InvalidInputException("amountTotal", "amountTotal must be a positive number of fen");
        }
        String currencyOrDefault = currency == null ? "CNY" : currency;
        if (!Order.CURRENCY.matcher(currencyOrDefault).matches()) {
            throw new InvalidInputException("currency", "currency must be an ISO 4217 code such as CNY");
        }
        if (description != null && description.length() > Order.DESCRIPTION_MAX) {
            throw new InvalidInputException(
                    "description", "description may have at most " + Order.DESCRIPTION_MAX + " characters");
        }
        return new Order(orderNo, amountTotal, currencyOrDefault, description, now);
    }
}
