package com.minishop.tenant;

import com.minishop.payment.wechat.MerchantCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tenants' merchant credentials, parsed and decrypted once, not on every callback. An entry is dropped
 * when its account is replaced: at once by this instance's replacement, within about a second by another
 * instance's ({@link MerchantAccountChanges}); {@link #TIME_TO_LIVE} is only the backstop should that
 * polling fail. A tenant without an account is remembered
 * briefly too, so a spray of callbacks for unknown tenants does not become a spray of queries; the
 * number of entries is bounded against the same.
 */
@ApplicationScoped
public class MerchantCredentialsCache {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);
    static final Duration ABSENT_TIME_TO_LIVE = Duration.ofSeconds(5);
    /** An unknown serial reloads an entry at most this often (key rotation reaches us without waiting). */
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(5);

    static final int MAX_ENTRIES = 100_000;

    private record Entry(Optional<MerchantCredentials> credentials, long loadedNanos) {
        boolean olderThan(Duration age) {
            return System.nanoTime() - loadedNanos > age.toNanos();
        }
    }

    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();

    /** Bumped by every invalidation: a load that began before one is used once but not cached. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public Optional<MerchantCredentials> get(long tenantId, Supplier<Optional<MerchantCredentials>> loader) {
        Entry entry = entries.get(tenantId);
        if (entry == null || entry.olderThan(entry.credentials().isPresent() ? TIME_TO_LIVE : ABSENT_TIME_TO_LIVE)) {
            entry = load(tenantId, loader);
        }
        return entry.credentials();
    }

    /**
     * The cached credentials while the entry is fresh, loading nothing: {@code null} when they must be
     * loaded (never loaded, or older than their time to live). For the callback's hot path, which then
     * skips the call into {@link MerchantAccountService}.
     */
    public Optional<MerchantCredentials> getIfFresh(long tenantId) {
        Entry entry = entries.get(tenantId);
        if (entry == null || entry.olderThan(entry.credentials().isPresent() ? TIME_TO_LIVE : ABSENT_TIME_TO_LIVE)) {
            return null;
        }
        return entry.credentials();
    }

    /** Reloads when the entry is old enough to be worth it; true if it did. */
    public boolean reloadIfStale(long tenantId, Supplier<Optional<MerchantCredentials>> loader) {
        Entry entry = entries.get(tenantId);
        if (entry != null && !entry.olderThan(RELOAD_INTERVAL)) {
            return false;
        }
        load(tenantId, loader);
        return true;
    }

    public void invalidate(long tenantId) {
        generation.incrementAndGet();
        entries.remove(tenantId);
    }

    private Entry load(long tenantId, Supplier<Optional<MerchantCredentials>> loader) {
        long before = generation.get();
        Entry entry = new Entry(loader.get(), System.nanoTime());
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude, but bounded: only a flood of distinct tenants gets here
        }
        if (generation.get() == before) {
            // else an account was replaced meanwhile: what we read may hold a revoked key
            entries.put(tenantId, entry);
        }
        return entry;
    }
}
