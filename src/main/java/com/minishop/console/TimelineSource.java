package com.minishop.console;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A source of an order's timeline entries. Every CDI bean implementing this contributes to {@link
 * OrderStory}: a new source (outbound WeChat Pay calls, reconciliation findings) is one more such bean.
 */
public interface TimelineSource {

    /** This source's entries for the order, in any order; the connection belongs to the caller. */
    List<TimelineEntry> entries(Connection connection, long tenantId, String orderNo) throws SQLException;
}
