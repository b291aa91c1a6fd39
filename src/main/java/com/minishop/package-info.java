/**
 * The payment-callback service of the mini-program commerce platform: WeChat Pay v3 tells us that a
 * customer paid or was refunded, and we turn that into the right order state for the right tenant,
 * exactly once. Sub-packages are features: {@code order}, {@code payment} (and its {@code wechat}
 * protocol core), {@code tenant}, {@code apikey}, {@code audit}, {@code database}; {@code web} holds what every
 * resource shares (errors, admin authentication).
 */
package com.minishop;
