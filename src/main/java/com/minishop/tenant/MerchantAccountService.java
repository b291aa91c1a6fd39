package com.minishop.tenant;

import com.minishop.database.DbTime;
import com.minishop.payment.wechat.MerchantApiKey;
import com.minishop.payment.wechat.MerchantCredentials;
import com.minishop.web.ConflictException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;

/** Stores and reads tenants' merchant accounts; each method is one transaction for one tenant. */
@Stateless
@TenantBound
public class MerchantAccountService {

    private static final Logger LOG = Logger.getLogger(MerchantAccountService.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private KeyEncryption encryption;

    @Inject
    private MerchantCredentialsCache cache;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** Creates or replaces the tenant's merchant account; nothing is stored if any field is invalid. */
    public MerchantAccountView replace(@TenantId long tenantId, MerchantAccountRequest request) {
        var keys = request.validate();
        var apiKey = request.apiKey();
        var now = DbTime.now();
        byte[] encryptedKey = encryption.encrypt(tenantId, request.apiV3Key().getBytes(StandardCharsets.US_ASCII));
        byte[] encryptedPrivateKey = apiKey.map(k -> encryption.encrypt(
                        tenantId, KeyEncryption.PRIVATE_KEY, k.privateKey().getEncoded()))
                .orElse(null);
        var existing = account();
        MerchantAccount account;
        if (existing.isPresent()) {
            account = existing.get();
            account.replace(request.appId(), request.mchId(), encryptedKey, keys, now);
        } else {
            account = new MerchantAccount(request.appId(), request.mchId(), encryptedKey, keys, now);
            em.persist(account);
        }
        account.apiAccess(apiKey.map(MerchantApiKey::serial).orElse(null), encryptedPrivateKey);
        try {
            em.flush();
        } catch (PersistenceException e) {
            // another request created or changed this account at the same moment
            throw new ConflictException("tenantId", "the merchant account was changed concurrently; retry");
        }
        em.refresh(account);
        // drop the cached credentials once the new ones are committed, not before
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                cache.invalidate(tenantId);
            }
        });
        LOG.info(() -> "tenant " + tenantId + ": merchant account " + (existing.isPresent() ? "replaced" : "created")
                + " (mchId " + request.mchId() + ", serials "
                + keys.stream().map(k -> k.parsed().serial()).toList()
                + apiKey.map(k -> ", API access with merchant certificate " + k.serial())
                        .orElse(", no API access")
                + ")");
        return MerchantAccountView.of(account);
    }

    public Optional<MerchantAccountView> find(@TenantId long tenantId) {
        return account().map(MerchantAccountView::of);
    }

    /**
     * What the notification verifier needs, with the APIv3 key decrypted; empty without an account. Served
     * from {@link MerchantCredentialsCache}: parsing keys and decrypting on every callback would be waste.
     */
    public Optional<MerchantCredentials> credentials(@TenantId long tenantId) {
        return cache.get(tenantId, () -> load(tenantId));
    }

    /** Reloads the credentials unless they were loaded moments ago; true if reloaded. */
    public boolean reloadCredentials(@TenantId long tenantId) {
        return cache.reloadIfStale(tenantId, () -> load(tenantId));
    }

    private Optional<MerchantCredentials> load(long tenantId) {
        return account()
                .map(a -> new MerchantCredentials(
                        a.appId(),
                        a.mchId(),
                        encryption.decrypt(tenantId, a.apiV3KeyEncrypted()),
                        a.platformKeys().stream()
                                .map(MerchantPlatformKey::toPlatformKey)
                                .toList(),
                        a.hasApiAccess()
                                ? new MerchantApiKey(
                                        a.merchantCertificateSerial(),
                                        KeyEncryption.privateKey(encryption.decrypt(
                                                tenantId, KeyEncryption.PRIVATE_KEY, a.merchantPrivateKeyEncrypted())))
                                : null));
    }

    private Optional<MerchantAccount> account() {
        // the tenant criteria is added by EclipseLink; there is at most one account per tenant
        return em.createQuery("SELECT a FROM MerchantAccount a", MerchantAccount.class)
                .getResultStream()
                .findFirst();
    }
}
