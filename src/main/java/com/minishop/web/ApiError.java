package com.minishop.web;

/** The JSON body of every error answer of the admin API; {@code field} names the offending input. */
public record ApiError(String code, String message, String field) {}
