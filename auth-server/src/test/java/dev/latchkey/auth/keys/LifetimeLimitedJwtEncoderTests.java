package dev.latchkey.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class LifetimeLimitedJwtEncoderTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private final JwtEncoder delegate = mock(JwtEncoder.class);

	private final JwtEncoder encoder = new LifetimeLimitedJwtEncoder(this.delegate, Duration.ofMinutes(10),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void encodeWhenLifetimeWithinLimitThenSigned() {
		Jwt signed = Jwt.withTokenValue("signed").header("alg", "ES256").claim("sub", "s").build();
		given(this.delegate.encode(any())).willReturn(signed);
		assertThat(this.encoder.encode(parameters(NOW, NOW.plus(Duration.ofMinutes(10))))).isSameAs(signed);
	}

	@Test
	void encodeWhenLifetimeOverLimitThenRefusedNamingTheSetting() {
		assertThatExceptionOfType(JwtEncodingException.class)
			.isThrownBy(() -> this.encoder.encode(parameters(NOW, NOW.plus(Duration.ofMinutes(11)))))
			.withMessageContaining("lives 11m, longer than latchkey.keys.max-token-lifetime (10m)");
	}

	@Test
	void encodeWhenNoIssuedAtThenMeasuredFromNow() {
		JwtClaimsSet claims = JwtClaimsSet.builder().subject("s").expiresAt(NOW.plus(Duration.ofHours(1))).build();
		assertThatExceptionOfType(JwtEncodingException.class).isThrownBy(() -> this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(), claims)));
	}

	private static JwtEncoderParameters parameters(Instant issuedAt, Instant expiresAt) {
		return JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(),
				JwtClaimsSet.builder().subject("s").issuedAt(issuedAt).expiresAt(expiresAt).build());
	}

}
