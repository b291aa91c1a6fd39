package com.minishop.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of every error answer of the admin API; {@code field} names the offending input. */
@Schema(
        name = "ApiError",
        description = "an error answer: code (e.g. INVALID_REQUEST), message, field (the refused input)")
public record ApiError(String code, String message, String field) {}
