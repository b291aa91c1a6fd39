package com.minishop.database;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Times as PostgreSQL stores them (microseconds), so what we answer equals what we read back later. */
public final class DbTime {

    private DbTime() {}

    public static OffsetDateTime now() {
        return now(Clock.systemUTC());
    }

    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
