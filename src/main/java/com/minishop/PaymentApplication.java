package com.minishop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP API lives under {@code /api}; {@code /health} and {@code /metrics} come from the server. */
@ApplicationPath("api")
public class PaymentApplication extends Application {}
