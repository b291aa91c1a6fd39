package com.minishop.wechatpay;

import com.minishop.database.TransactionConnection;
import com.minishop.payment.CallbackLog;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The call log: one row per call to WeChat Pay, in a transaction of its own (calls are never made inside a
 * business transaction, and a failed call must be logged all the same). Plain JDBC, as the callback log:
 * EclipseLink refuses native SQL in a multitenant persistence unit, and the tenant is a column here, not a
 * binding. Strings are cut to their columns and cleaned of control characters.
 *
 * <p>Both run on their transaction's connection with the row's tenant bound ({@link TransactionConnection}):
 * under row-level security a connection without the tenant can neither write nor read a tenant's calls.
 */
@ApplicationScoped
public class WechatPayCallLog {

    private static final Logger LOG = Logger.getLogger(WechatPayCallLog.class.getName());

    @Inject
    private TransactionConnection transaction;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(CallRecord call) {
        try {
            transaction.bindTenant(call.tenantId());
            insert(call);
        } catch (SQLException | RuntimeException e) {
            // the call itself is answered either way; losing its log row must not change that
            LOG.log(Level.WARNING, "call log not writable: {0}", e.toString());
        }
    }

    private void insert(CallRecord call) throws SQLException {
        try (var insert = transaction
                .get()
                .prepareStatement(
                        """
                        INSERT INTO wechatpay_call (id, tenant_id, called_at, operation, trigger, out_trade_no,
                            http_status, error_code, request_id, duration_ms, outcome, message)
                        VALUES (nextval('wechatpay_call_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)) {
            insert.setLong(1, call.tenantId());
            insert.setObject(2, call.calledAt());
            insert.setString(3, call.operation());
            insert.setString(4, call.trigger());
            insert.setString(5, CallbackLog.clean(call.outTradeNo(), 32));
            insert.setObject(6, call.httpStatus(), Types.SMALLINT);
            insert.setString(7, CallbackLog.clean(call.errorCode(), 64));
            insert.setString(8, CallbackLog.clean(call.requestId(), 64));
            insert.setLong(9, Math.min(call.durationMs(), Integer.MAX_VALUE));
            insert.setString(10, call.outcome());
            insert.setString(11, CallbackLog.clean(call.message(), 512));
            insert.executeUpdate();
        }
    }

    /** The tenant's newest calls first, optionally only those with one outcome. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @TenantBound
    public List<CallRecord> newest(@TenantId long tenantId, int limit, String outcome) {
        String sql = "SELECT id, called_at, operation, trigger, out_trade_no, http_status, error_code, request_id,"
                + " duration_ms, outcome, message FROM wechatpay_call WHERE tenant_id = ?"
                + (outcome == null ? "" : " AND outcome = ?")
                + " ORDER BY called_at DESC, id DESC LIMIT ?";
        try (var query = transaction.get().prepareStatement(sql)) {
            int i = 1;
            query.setLong(i++, tenantId);
            if (outcome != null) {
                query.setString(i++, outcome);
            }
            query.setInt(i, limit);
            List<CallRecord> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new CallRecord(
                            rows.getLong(1),
                            tenantId,
                            rows.getObject(2, OffsetDateTime.class),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            (Integer) rows.getObject(6, Integer.class),
                            rows.getString(7),
                            rows.getString(8),
                            rows.getLong(9),
                            rows.getString(10),
                            rows.getString(11)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new PersistenceException("call log not readable", e);
        }
    }
}
