package com.minishop.web;

/** 400: the request names a field whose value we refuse. */
public class InvalidInputException extends ApiException {
    public InvalidInputException(String field, String message) {
        super(400, "INVALID_REQUEST", message, field);
    }
}
