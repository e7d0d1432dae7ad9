package io.alliancewatch.http.security;

import io.alliancewatch.contracts.security.Access;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The roles of security.md include one another: a {@code subscriber} may do everything a {@code
 * viewer} may, an {@code admin} everything. Added to the token's own roles once, here, so that
 * every check names the least role it needs ({@code @RolesAllowed(VIEWER)} admits all three
 * readers).
 */
@ApplicationScoped
public class RoleInclusion implements SecurityIdentityAugmentor {

  /** The roles a token's roles amount to. */
  static Set<String> including(Set<String> roles) {
    Set<String> all = new LinkedHashSet<>(roles);
    if (roles.contains(Access.ADMIN)) {
      all.addAll(Access.ROLES);
    }
    if (roles.contains(Access.SUBSCRIBER)) {
      all.add(Access.VIEWER);
    }
    return all;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    Set<String> roles = including(identity.getRoles());
    if (roles.size() == identity.getRoles().size()) {
      return Uni.createFrom().item(identity);
    }
    return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(roles).build());
  }
}
