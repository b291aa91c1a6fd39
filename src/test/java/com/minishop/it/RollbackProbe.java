package com.minishop.it;

import com.minishop.payment.CallbackAnswer;
import com.minishop.payment.Delivery;
import com.minishop.payment.PaymentService;
import com.minishop.payment.wechat.NotificationHeaders;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/**
 * Test-only bean: handles a notification inside a transaction that is then rolled back silently, as a
 * transaction timeout does, to show the delivery's commit witness is not fooled.
 */
@Stateless
public class RollbackProbe {

    @EJB
    PaymentService payments;

    @Resource
    SessionContext context;

    public CallbackAnswer handleThenRollBack(
            long tenantId, NotificationHeaders headers, byte[] body, Delivery delivery) {
        CallbackAnswer answer = payments.handlePaymentCallback(tenantId, headers, body, delivery);
        context.setRollbackOnly();
        return answer;
    }
}
