-- An order's calls to WeChat Pay, for its story in the console (the listing's index is by time).
CREATE INDEX wechatpay_call_order ON wechatpay_call (tenant_id, out_trade_no);
