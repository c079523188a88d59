package dev.latchkey.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One kind of work, repeated by each simulated client in a closed loop. An operation is
 * what one client does before it starts the next: one request, or for the
 * authorization-code flow every request of a sign-in.
 */
abstract class Scenario {

	final String name;

	final Target target;

	Scenario(String name, Target target) {
		this.name = name;
		this.target = target;
	}

	/**
	 * A client's state, made before the clock starts (tokens it will use, for example).
	 */
	abstract Worker worker(int number);

	/**
	 * The process whose CPU time the operations cost.
	 */
	long serverPid() {
		return this.target.process.pid();
	}

	/**
	 * Milliseconds of cryptography one operation cannot do without, or NaN where the
	 * ceiling is not cryptographic.
	 */
	double cryptoMillis(Ceilings ceilings) {
		return Double.NaN;
	}

	/**
	 * HTTP requests per operation.
	 */
	int requestsPerOperation() {
		return 1;
	}

	void beforeRun(Database db) {
	}

	interface Worker {

		void run();

		/**
		 * After an error: make the state usable again (not timed).
		 */
		default void recover() {
		}

	}

	static String clientCredentialsToken(Target target, Http http) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("scope", target.serviceScope());
		return http.postForm(target.tokenUrl(), form, target.service.basic()).expect(200).json("access_token");
	}

	/**
	 * Signs in, consents and exchanges the code: the token response.
	 */
	static Http.Response signIn(Target target, Http http) {
		http.clearCookies();
		Target.Pkce pkce = Target.Pkce.create();
		String state = Target.randomToken(12);
		String code = target.authorizationCode(http, target.nextUser(), pkce, state);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", Target.REDIRECT_URI);
		form.put("code_verifier", pkce.verifier());
		Http.Response tokens = http.postForm(target.tokenUrl(), form, target.web.basic()).expect(200);
		if (!tokens.has("access_token") || !tokens.has("refresh_token") || !tokens.has("id_token")) {
			throw new BenchException("the code exchange lacks a token: " + tokens.body());
		}
		return tokens;
	}

	static final class ClientCredentials extends Scenario {

		ClientCredentials(Target target) {
			super("client_credentials", target);
		}

		@Override
		Worker worker(int number) {
			Http http = this.target.http(number);
			return () -> clientCredentialsToken(this.target, http);
		}

		@Override
		double cryptoMillis(Ceilings ceilings) {
			return ceilings.signMillis(this.target.accessAlgorithm);
		}

	}

	static final class Refresh extends Scenario {

		private final AtomicBoolean idTokenOnRefresh = new AtomicBoolean();

		Refresh(Target target) {
			super("refresh (rotating)", target);
		}

		@Override
		Worker worker(int number) {
			Http http = this.target.http(number);
			return new Worker() {

				private String refreshToken = freshGrant();

				private String freshGrant() {
					String token = signIn(Refresh.this.target, http).json("refresh_token");
					// The client's back end refreshes; it has no browser session.
					http.clearCookies();
					return token;
				}

				@Override
				public void run() {
					Map<String, String> form = new LinkedHashMap<>();
					form.put("grant_type", "refresh_token");
					form.put("refresh_token", this.refreshToken);
					Http.Response response = http
						.postForm(Refresh.this.target.tokenUrl(), form, Refresh.this.target.web.basic())
						.expect(200);
					String next = response.json("refresh_token");
					if (next.equals(this.refreshToken)) {
						throw new BenchException("the refresh token did not rotate");
					}
					this.refreshToken = next;
					if (response.has("id_token")) {
						Refresh.this.idTokenOnRefresh.set(true);
					}
				}

				@Override
				public void recover() {
					this.refreshToken = freshGrant();
				}

			};
		}

		@Override
		double cryptoMillis(Ceilings ceilings) {
			return ceilings.signMillis(this.target.accessAlgorithm)
					+ (this.idTokenOnRefresh.get() ? ceilings.signMillis("RS256") : 0);
		}

	}

	static final class Introspection extends Scenario {

		Introspection(Target target) {
			super("introspection", target);
		}

		/**
		 * A signed-in user's access token, introspected by the client it was issued to,
		 * as a resource server of that client would.
		 */
		@Override
		Worker worker(int number) {
			Http http = this.target.http(number);
			String token = signIn(this.target, http).json("access_token");
			// A resource server introspecting has no browser session.
			http.clearCookies();
			return () -> {
				Http.Response response = http
					.postForm(this.target.introspectionUrl(), Map.of("token", token), this.target.web.basic())
					.expect(200);
				if (!response.body().replace(" ", "").contains("\"active\":true")) {
					throw new BenchException("introspection says inactive: " + response.body());
				}
			};
		}

	}

	static final class JwksAndDiscovery extends Scenario {

		JwksAndDiscovery(Target target) {
			super("JWKS + discovery", target);
		}

		@Override
		Worker worker(int number) {
			Http http = this.target.http(number);
			return new Worker() {

				private boolean jwks;

				@Override
				public void run() {
					this.jwks = !this.jwks;
					Http.Response response = http
						.get(this.jwks ? JwksAndDiscovery.this.target.jwksUrl()
								: JwksAndDiscovery.this.target.discoveryUrl())
						.expect(200);
					if (!response.has(this.jwks ? "keys" : "issuer")) {
						throw new BenchException("unexpected body: " + response.body());
					}
				}

			};
		}

	}

	static final class AuthorizationCodeFlow extends Scenario {

		AuthorizationCodeFlow(Target target) {
			super("authorization code + sign-in", target);
		}

		@Override
		void beforeRun(Database db) {
			this.target.forgetConsents(db);
		}

		@Override
		Worker worker(int number) {
			Http http = this.target.http(number);
			return () -> signIn(this.target, http);
		}

		@Override
		double cryptoMillis(Ceilings ceilings) {
			return ceilings.argon2Millis() + ceilings.signMillis(this.target.accessAlgorithm)
					+ ceilings.signMillis("RS256");
		}

		@Override
		int requestsPerOperation() {
			return (this.target instanceof Latchkey) ? 7 : 4;
		}

	}

	/**
	 * A request to the sample resource server, with a token (validated, then served from
	 * the verified-token cache, or validated every time) or without security at all.
	 */
	static final class Resource extends Scenario {

		private final String baseUrl;

		private final LongSupplier pid;

		private final boolean withToken;

		private final boolean verifiesEveryTime;

		Resource(String name, Target target, String baseUrl, LongSupplier pid, boolean withToken,
				boolean verifiesEveryTime) {
			super(name, target);
			this.baseUrl = baseUrl;
			this.pid = pid;
			this.withToken = withToken;
			this.verifiesEveryTime = verifiesEveryTime;
		}

		@Override
		Worker worker(int number) {
			String token = this.withToken ? clientCredentialsToken(this.target, this.target.http(number)) : null;
			Http http = new Http(this.baseUrl, this.baseUrl, number);
			String url = this.baseUrl + "/api/documents";
			return () -> {
				if (token != null) {
					http.get(url, "Bearer " + token).expect(200);
				}
				else {
					http.get(url).expect(200);
				}
			};
		}

		@Override
		long serverPid() {
			return this.pid.getAsLong();
		}

		@Override
		double cryptoMillis(Ceilings ceilings) {
			return this.verifiesEveryTime ? ceilings.verifyMillis(this.target.accessAlgorithm) : Double.NaN;
		}

		boolean isBaseline() {
			return !this.withToken;
		}

	}

}
