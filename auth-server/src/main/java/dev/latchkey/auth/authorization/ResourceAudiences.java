package dev.latchkey.auth.authorization;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Works out a token's audience from its scopes: the resource servers whose scopes it
 * carries, or else the client itself (DESIGN.md section 3).
 */
@Component
final class ResourceAudiences {

	private final List<AuthorizationProperties.Resource> resources;

	ResourceAudiences(AuthorizationProperties properties) {
		this.resources = properties.resources();
	}

	List<String> audiences(Collection<String> scopes, String clientId) {
		Set<String> audiences = new LinkedHashSet<>();
		for (AuthorizationProperties.Resource resource : this.resources) {
			if (scopes.stream().anyMatch(resource.scopes()::contains)) {
				audiences.add(resource.id());
			}
		}
		return audiences.isEmpty() ? List.of(clientId) : List.copyOf(audiences);
	}

}
