package com.minishop.web;

/** 409: the request contradicts what is already stored. */
public class ConflictException extends ApiException {
    public ConflictException(String field, String message) {
        super(409, "CONFLICT", message, field);
    }
}
