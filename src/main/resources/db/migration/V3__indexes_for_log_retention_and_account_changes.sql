-- The retention job finds old log rows by received_at; rows arrive in time order, so a BRIN index (a few
-- pages, next to no work per insert) serves it as well as the B-tree that every delivery had to update.
DROP INDEX callback_log_received;
CREATE INDEX callback_log_received ON callback_log USING brin (received_at);

-- Every instance asks each second which merchant accounts changed lately (to drop cached credentials).
CREATE INDEX merchant_account_updated ON merchant_account (updated_at);
