/**
 * The daily reconciliation (对账) against WeChat Pay's trade bill, the final word on what was paid and
 * refunded. {@link com.minishop.bill.TradeBillReader} reads a bill as WeChat writes it (columns by header
 * name, values behind one backtick, yuan in decimal strings) one row at a time, so a bill of a million rows
 * never sits in memory, converts yuan to fen exactly, reports a row it cannot read with its line number
 * instead of guessing, and checks the rows against the bill's own summary line.
 */
package com.minishop.bill;
