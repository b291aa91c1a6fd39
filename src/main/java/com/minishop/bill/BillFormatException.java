package com.minishop.bill;

/**
 * The bill as a whole cannot be trusted (unknown layout, no summary line, a summary that disagrees with the
 * rows): the day fails loudly, nothing of it is applied. The message names the line and is safe to log.
 */
public class BillFormatException extends RuntimeException {

    public BillFormatException(String message) {
        super(message, null, false, false);
    }
}
