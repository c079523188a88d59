package dev.latchkey.auth.authorization;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The authorization store, refresh token families and the token generator.
 */
@Configuration(proxyBeanMethods = false)
class TokenLifecycleConfiguration {

	@Bean
	JdbcAuthorizationStore authorizationStore(JdbcOperations jdbc, RegisteredClientRepository clients,
			TransactionOperations transactions, Clock clock, TokenProperties properties,
			ApplicationEventPublisher events) {
		return new JdbcAuthorizationStore(jdbc, clients, transactions, clock, properties.refreshFamilyLifetime(),
				events);
	}

	@Bean
	RefreshTokenFamilies refreshTokenFamilies(JdbcOperations jdbc) {
		return new RefreshTokenFamilies(jdbc);
	}

	/**
	 * JWT access and ID tokens with Latchkey's contents, and Latchkey's refresh tokens,
	 * all dated by the application's clock. Replaces the framework's default generator,
	 * whose refresh tokens never go to public clients and ignore the family's lifetime.
	 */
	@Bean
	OAuth2TokenGenerator<OAuth2Token> tokenGenerator(JwtEncoder jwtEncoder, TokenContents contents,
			JdbcAuthorizationStore store, Clock clock, TokenProperties properties) {
		JwtGenerator jwts = new JwtGenerator(jwtEncoder);
		jwts.setJwtCustomizer(contents);
		jwts.setClock(clock);
		return new DelegatingOAuth2TokenGenerator(jwts,
				new RefreshTokens(store, clock, properties.refreshFamilyLifetime()));
	}

}
