package com.minishop.web;

/** 404: nothing of that name in this tenant (or no such tenant: the answer does not tell which). */
public class NotFoundException extends ApiException {
    public NotFoundException(String message) {
        super(404, "NOT_FOUND", message, null);
    }
}
