package com.minishop.console;

import com.minishop.database.TransactionConnection;
import com.minishop.order.OrderService;
import com.minishop.order.OrderView;
import com.minishop.tenant.MerchantAccountService;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import com.minishop.web.NotFoundException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One order's whole story: its state now, then everything that happened to it from every {@link
 * TimelineSource}, oldest first, and the actions the API offers for it. Read in the order's tenant's
 * transaction, on its connection: row-level security shows the sources that tenant's rows only.
 */
@Stateless
public class OrderStory {

    /** The actions the console may offer on the order page (see {@link ConsoleCapabilities}). */
    public record Actions(boolean sync, boolean close, boolean refund) {}

    public record Story(long tenantId, OrderView order, List<TimelineEntry> timeline, Actions actions) {}

    @Inject
    private TransactionConnection transaction;

    @Inject
    private OrderService orders;

    @Inject
    private MerchantAccountService accounts;

    @Inject
    @Any
    private Instance<TimelineSource> sources;

    @TenantBound
    public Story of(@TenantId long tenantId, String orderNo) {
        OrderView order = orders.find(tenantId, orderNo)
                .orElseThrow(() -> new NotFoundException("no order " + orderNo + " in tenant " + tenantId));
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(
                order.createdAt(),
                "ORDER",
                "order created: " + order.amountTotal() + " fen (" + order.currency() + ")",
                null,
                OrderTimelineSources.details("description", order.description())));
        try {
            var connection = transaction.get();
            for (TimelineSource source : sources) {
                timeline.addAll(source.entries(connection, tenantId, orderNo));
            }
        } catch (SQLException e) {
            throw new PersistenceException("order timeline not readable", e);
        }
        timeline.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
        var can = ConsoleCapabilities.CURRENT;
        boolean open = order.orderStatus().name().equals("PENDING_PAYMENT");
        // sync and close ask WeChat Pay: only for a tenant whose account has API credentials
        boolean apiAccess = accounts.credentials(tenantId)
                .map(credentials -> credentials.apiKey().isPresent())
                .orElse(false);
        return new Story(
                tenantId,
                order,
                timeline,
                new Actions(
                        can.orderSync() && apiAccess,
                        can.orderClose() && apiAccess && open,
                        can.refund() && order.payState() == 2));
    }
}
