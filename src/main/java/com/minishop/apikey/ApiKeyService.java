package com.minishop.apikey;

import com.minishop.database.DbTime;
import com.minishop.tenant.TenantBound;
import com.minishop.tenant.TenantId;
import com.minishop.web.NotFoundException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** Issues, lists, revokes and checks one tenant's API keys; each method is one transaction for one tenant. */
@Stateless
@TenantBound
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class.getName());

    @PersistenceContext
    private EntityManager em;

    /** A new key; its text is in the answer and nowhere else, ever. */
    public IssuedApiKey issue(@TenantId long tenantId, NewApiKeyRequest request) {
        ApiKeyScope scope = request.validate();
        ApiKey key = new ApiKey(request.name(), scope, DbTime.now());
        em.persist(key); // assigns the id, which the key's text carries
        ApiKeySecret secret = key.issueSecret(tenantId);
        LOG.info(() -> "tenant " + tenantId + ": api key " + key.id() + " (" + scope.code() + ") issued");
        return new IssuedApiKey(key.id(), key.name(), scope.code(), secret.text(), key.createdAt());
    }

    public List<ApiKeyView> list(@TenantId long tenantId) {
        return em.createQuery("SELECT k FROM ApiKey k ORDER BY k.id", ApiKey.class).getResultList().stream()
                .map(ApiKeyView::of)
                .toList();
    }

    /** Revokes the key at once: every instance checks keys against the database on every request. */
    public void revoke(@TenantId long tenantId, long keyId) {
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null) {
            throw new NotFoundException("tenant " + tenantId + " has no api key " + keyId);
        }
        key.revoke(DbTime.now());
        LOG.info(() -> "tenant " + tenantId + ": api key " + keyId + " revoked");
    }

    /** The key's scope when the key is the tenant's, not revoked, and its secret is right; else empty. */
    public Optional<ApiKeyScope> authenticate(@TenantId long tenantId, ApiKeySecret given) {
        ApiKey key = em.find(ApiKey.class, given.keyId());
        if (key == null || !key.accepts(given)) {
            return Optional.empty();
        }
        key.used(DbTime.now());
        return Optional.of(key.scope());
    }
}
