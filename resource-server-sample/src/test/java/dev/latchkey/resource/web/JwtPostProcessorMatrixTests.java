package dev.latchkey.resource.web;

import java.util.Collection;
import java.util.List;

import dev.latchkey.resource.AccessMatrix;
import dev.latchkey.resource.AccessMatrix.Endpoint;
import dev.latchkey.resource.AccessMatrix.Principal;
import dev.latchkey.resource.ResourceServerTest;
import dev.latchkey.resource.TestClock;
import dev.latchkey.resource.TestIssuer;
import dev.latchkey.resource.permission.TokenPermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The table of DESIGN.md section 3 at the web layer, with Spring Security's {@code jwt()}
 * post-processor standing in for the token (its authorities derived by the API's own
 * {@link TokenPermissions}), and the API's answer to a token too large for any container.
 */
@ResourceServerTest
@AutoConfigureMockMvc
class JwtPostProcessorMatrixTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TokenPermissions tokenPermissions;

	@Autowired
	TestClock clock;

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("dev.latchkey.resource.AccessMatrix#cases")
	void endpointWhenCalledWithJwtThenAnswersAsDesignTableSays(Principal principal, Endpoint endpoint)
			throws Exception {
		MvcResult created = this.mvc
			.perform(post("/api/documents").with(token(AccessMatrix.PRINCIPALS.get(3)))
				.contentType(MediaType.APPLICATION_JSON)
				.content(AccessMatrix.DOCUMENT_JSON))
			.andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(201);
		String id = created.getResponse().getHeader(HttpHeaders.LOCATION).replaceAll(".*/", "");

		MockHttpServletRequestBuilder call = request(HttpMethod.valueOf(endpoint.method()),
				endpoint.path().replace("{id}", id))
			.with(token(principal));
		if (endpoint.method().equals("POST") || endpoint.method().equals("PUT")) {
			call.contentType(MediaType.APPLICATION_JSON).content(AccessMatrix.DOCUMENT_JSON);
		}
		int status = this.mvc.perform(call).andReturn().getResponse().getStatus();

		assertThat(status).isEqualTo(endpoint.expectedFor(principal));
	}

	@Test
	void tokenWhenHeaderOf100KilobytesThenRefusedWithoutParsing() throws Exception {
		String token = TokenValidationTests.hugeHeaderToken(TestIssuer.shared(), this.clock);
		assertThat(token.length()).isGreaterThan(100 * 1024);
		MvcResult result = this.mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(401);
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer error=\"invalid_token\"");
	}

	private JwtRequestPostProcessor token(Principal principal) {
		return jwt().jwt((jwt) -> jwt.subject(principal.service() ? "demo-service" : "user-" + principal.name())
			.claim("client_id", principal.service() ? "demo-service" : "demo-web")
			.claim("scope", principal.scope())
			.claims((claims) -> {
				if (principal.service()) {
					claims.remove("roles");
				}
				else {
					claims.put("roles", List.copyOf(principal.roles()));
				}
			})).authorities(this::authorities);
	}

	private Collection<GrantedAuthority> authorities(Jwt jwt) {
		return this.tokenPermissions.convert(jwt).getAuthorities();
	}

}
