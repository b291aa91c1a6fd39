package com.minishop.console;

import com.minishop.database.DbTime;
import com.minishop.database.TransactionConnection;
import com.minishop.tenant.CrossTenant;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import com.minishop.web.NotFoundException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The "needs attention" queue. Groups are computed from the records each time (the callback log's
 * flagged, mismatched, 5xx and signature/decryption failures; refunds closed or abnormal; discrepancies the
 * daily reconciliation flagged), so nothing can
 * fall out of step with them; what people did about a group is stored ({@code attention_action}). A
 * resolution covers the occurrences up to the group's last one at that moment: later ones open the group
 * again. An acknowledgement keeps it listed, marked as taken.
 *
 * <p>The queue and the trail span tenants, hence are read through {@link CrossTenant}; an action is
 * written in its tenant's transaction (row-level security admits that tenant's row only).
 */
@Stateless
public class AttentionQueue {

    private static final Logger LOG = Logger.getLogger(AttentionQueue.class.getName());

    /** Signature and decryption failures count as a group from this many on. */
    static final int BURST = 3;

    public enum Action {
        ACKNOWLEDGE,
        RESOLVE
    }

    public enum State {
        OPEN,
        ACKNOWLEDGED
    }

    /** What a person did about a group, and when. */
    public record ActionTaken(
            long tenantId,
            String kind,
            Action action,
            String note,
            String actor,
            OffsetDateTime at,
            OffsetDateTime coversUntil) {}

    /** One group: a tenant's occurrences of one kind since its last resolution. */
    public record Group(
            long tenantId,
            String kind,
            String description,
            long count,
            OffsetDateTime firstSeen,
            OffsetDateTime lastSeen,
            List<String> orderNos,
            State state,
            ActionTaken lastAction) {}

    private static final String GROUPS =
            """
            WITH hits AS (
                SELECT tenant_id,
                       CASE WHEN outcome IN ('APPLIED_FLAGGED', 'CONFLICT_FLAGGED') THEN 'FLAGGED'
                            WHEN outcome = 'MISMATCH' THEN 'MISMATCH'
                            WHEN http_status >= 500 THEN 'SERVER_ERROR'
                            ELSE outcome END AS kind,
                       received_at AS seen_at, out_trade_no AS order_no
                FROM callback_log
                WHERE (outcome IN ('APPLIED_FLAGGED', 'CONFLICT_FLAGGED', 'MISMATCH', 'BAD_SIGNATURE', 'DECRYPTION_FAILED')
                       OR http_status >= 500)
                  AND tenant_id IS NOT NULL
                UNION ALL
                SELECT tenant_id, 'REFUND_' || refund_status, updated_at, out_trade_no
                FROM refund_record WHERE refund_status IN ('CLOSED', 'ABNORMAL')
                UNION ALL
                SELECT tenant_id, 'RECONCILIATION', found_at, coalesce(out_trade_no, out_refund_no)
                FROM reconciliation_discrepancy WHERE resolution = 'FLAGGED'
            ), resolved AS (
                SELECT tenant_id, kind, max(covers_until) AS until
                FROM attention_action WHERE action = 'RESOLVE' GROUP BY tenant_id, kind
            )
            SELECT h.tenant_id, h.kind, count(*), min(h.seen_at), max(h.seen_at),
                   (array_agg(DISTINCT h.order_no) FILTER (WHERE h.order_no IS NOT NULL))[1:5]
            FROM hits h LEFT JOIN resolved r ON r.tenant_id = h.tenant_id AND r.kind = h.kind
            WHERE r.until IS NULL OR h.seen_at > r.until
            GROUP BY h.tenant_id, h.kind
            HAVING h.kind NOT IN ('BAD_SIGNATURE', 'DECRYPTION_FAILED') OR count(*) >= %d
            ORDER BY max(h.seen_at) DESC
            """
                    .formatted(BURST);

    private static final String LAST_ACTIONS =
            "SELECT DISTINCT ON (tenant_id, kind) tenant_id, kind, action, note, actor, acted_at, covers_until"
                    + " FROM attention_action ORDER BY tenant_id, kind, acted_at DESC, id DESC";

    @Inject
    private CrossTenant crossTenant;

    @Inject
    private TransactionConnection transaction;

    /** Every group that needs a person, the most recent first. */
    public List<Group> groups() {
        try {
            return crossTenant.run("needs attention", AttentionQueue::groups);
        } catch (SQLException e) {
            throw new PersistenceException("attention queue not readable", e);
        }
    }

    private static List<Group> groups(Connection connection) throws SQLException {
        Map<String, ActionTaken> last = new HashMap<>();
        try (var statement = connection.prepareStatement(LAST_ACTIONS);
                var row = statement.executeQuery()) {
            while (row.next()) {
                ActionTaken action = action(row);
                last.put(action.tenantId() + "/" + action.kind(), action);
            }
        }
        List<Group> groups = new ArrayList<>();
        try (var statement = connection.prepareStatement(GROUPS);
                var row = statement.executeQuery()) {
            while (row.next()) {
                long tenantId = row.getLong(1);
                String kind = row.getString(2);
                ActionTaken action = last.get(tenantId + "/" + kind);
                AttentionKind known = AttentionKind.of(kind);
                groups.add(new Group(
                        tenantId,
                        kind,
                        known == null ? kind : known.description(),
                        row.getLong(3),
                        row.getObject(4, OffsetDateTime.class),
                        row.getObject(5, OffsetDateTime.class),
                        strings(row.getArray(6)),
                        action != null && action.action() == Action.ACKNOWLEDGE ? State.ACKNOWLEDGED : State.OPEN,
                        action));
            }
        }
        return groups;
    }

    /** Records what a person did about a group that needs attention now; 404 when there is no such group. */
    @TenantBound
    public ActionTaken act(@TenantId long tenantId, AttentionKind kind, Action action, String note, String actor) {
        Group group = groups().stream()
                .filter(g -> g.tenantId() == tenantId && g.kind().equals(kind.name()))
                .findFirst()
                .orElseThrow(() ->
                        new NotFoundException("nothing of kind " + kind + " needs attention in tenant " + tenantId));
        var taken = new ActionTaken(tenantId, kind.name(), action, note, actor, DbTime.now(), group.lastSeen());
        try (var insert = transaction
                .get()
                .prepareStatement(
                        "INSERT INTO attention_action (tenant_id, kind, action, note, actor, acted_at, covers_until)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, tenantId);
            insert.setString(2, kind.name());
            insert.setString(3, action.name());
            insert.setString(4, note);
            insert.setString(5, actor);
            insert.setObject(6, taken.at());
            insert.setObject(7, taken.coversUntil());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("attention action not writable", e);
        }
        LOG.info(() -> "tenant " + tenantId + ": " + kind + " (" + group.count() + " since " + group.firstSeen() + ") "
                + action + " by " + actor);
        return taken;
    }

    /** What people did, newest first: the trail. */
    public List<ActionTaken> history(int limit) {
        try {
            return crossTenant.run("attention trail", connection -> {
                try (var statement = connection.prepareStatement(
                        "SELECT tenant_id, kind, action, note, actor, acted_at, covers_until FROM attention_action"
                                + " ORDER BY acted_at DESC, id DESC LIMIT ?")) {
                    statement.setInt(1, limit);
                    List<ActionTaken> actions = new ArrayList<>();
                    try (var row = statement.executeQuery()) {
                        while (row.next()) {
                            actions.add(action(row));
                        }
                    }
                    return actions;
                }
            });
        } catch (SQLException e) {
            throw new PersistenceException("attention actions not readable", e);
        }
    }

    private static ActionTaken action(ResultSet row) throws SQLException {
        return new ActionTaken(
                row.getLong("tenant_id"),
                row.getString("kind"),
                Action.valueOf(row.getString("action")),
                row.getString("note"),
                row.getString("actor"),
                row.getObject("acted_at", OffsetDateTime.class),
                row.getObject("covers_until", OffsetDateTime.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }
}
