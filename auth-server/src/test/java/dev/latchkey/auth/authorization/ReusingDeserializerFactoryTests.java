package dev.latchkey.auth.authorization;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ReusingDeserializerFactoryTests {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** How many collection deserializers Jackson has built. */
	private final AtomicInteger built = new AtomicInteger();

	private final JsonMapper json = JsonMapper.builder()
		.deserializerFactory(new ReusingDeserializerFactory())
		.addModules(SecurityJacksonModules.getModules(getClass().getClassLoader()))
		.addModule(new SimpleModule().setDeserializerModifier(new ValueDeserializerModifier() {

			@Override
			public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				ReusingDeserializerFactoryTests.this.built.incrementAndGet();
				return deserializer;
			}

		}))
		.build();

	@Test
	void storedAttributesReadBackEqualAndTheirCollectionDeserializersAreBuiltOnce() {
		User user = new User("42", "", AuthorityUtils.createAuthorityList("ROLE_USER", "PERM_read"));
		UsernamePasswordAuthenticationToken principal = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("https://id.example.com/oauth2/authorize")
			.clientId("web")
			.redirectUri("https://app.example.com/callback")
			.scopes(Set.of("openid", "documents.read"))
			.state("state-1")
			.additionalParameters(Map.of("code_challenge", "abc", "code_challenge_method", "S256"))
			.build();
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("java.security.Principal", principal);
		attributes.put(OAuth2AuthorizationRequest.class.getName(), request);
		String stored = this.json.writeValueAsString(attributes);

		Map<String, Object> first = this.json.readValue(stored, MAP);
		int builtForTheFirst = this.built.get();
		Map<String, Object> second = this.json.readValue(stored, MAP);

		assertThat(builtForTheFirst).isPositive();
		assertThat(this.built.get()).as("collection deserializers built again for the second read")
			.isEqualTo(builtForTheFirst);
		for (Map<String, Object> read : java.util.List.of(first, second)) {
			assertThat(read.get("java.security.Principal")).isEqualTo(principal);
			OAuth2AuthorizationRequest readRequest = (OAuth2AuthorizationRequest) read
				.get(OAuth2AuthorizationRequest.class.getName());
			assertThat(readRequest.getScopes()).containsExactlyInAnyOrder("openid", "documents.read");
			assertThat(readRequest.getAdditionalParameters()).containsEntry("code_challenge", "abc");
			assertThat(readRequest.getState()).isEqualTo("state-1");
		}
	}

}
