package com.minishop.console;

import com.minishop.database.Database;
import com.minishop.order.OrderService;
import com.minishop.order.OrderView;
import com.minishop.tenant.MerchantAccountService;
import com.minishop.web.NotFoundException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * One order's whole story: its state now, then everything that happened to it from every {@link
 * TimelineSource}, oldest first, and the actions the API offers for it.
 */
@Stateless
public class OrderStory {

    /** The actions the console may offer on the order page (see {@link ConsoleCapabilities}). */
    public record Actions(boolean sync, boolean close, boolean refund) {}

    public record Story(long tenantId, OrderView order, List<TimelineEntry> timeline, Actions actions) {}

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    @Inject
    private OrderService orders;

    @Inject
    private MerchantAccountService accounts;

    @Inject
    @Any
    private Instance<TimelineSource> sources;

    public Story of(long tenantId, String orderNo) {
        OrderView order = orders.find(tenantId, orderNo)
                .orElseThrow(() -> new NotFoundException("no order " + orderNo + " in tenant " + tenantId));
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(
                order.createdAt(),
                "ORDER",
                "order created: " + order.amountTotal() + " fen (" + order.currency() + ")",
                null,
                OrderTimelineSources.details("description", order.description())));
        try (var connection = dataSource.getConnection()) {
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
