package com.minishop.order;

/** The order's business status, with the labels the original system shows. */
public enum OrderStatus {
    PENDING_PAYMENT("待支付"),
    PAID("已支付"),
    REFUNDED("已退款"),
    CLOSED("已关闭");

    private final String label;

    OrderStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
