package com.minishop.web;

import jakarta.ejb.ApplicationException;

/**
 * A client error with its HTTP status. An application exception, so it reaches the JAX-RS mapper
 * unwrapped from an EJB and rolls the transaction back.
 */
@ApplicationException(rollback = true, inherited = true)
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false); // an expected answer, not a failure: no stack trace
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
