package dev.latchkey.auth.client;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@code admin clients}: register a client, rotate its secret, disable or enable it, list
 * them. A refused request exits with 1 and one line naming every field at fault.
 */
@Component
@Command(name = "clients", description = "Clients: register, rotate a secret, disable, enable, list.",
		synopsisSubcommandLabel = "COMMAND",
		subcommands = { ClientsCommand.Register.class, ClientsCommand.RotateSecret.class, ClientsCommand.Disable.class,
				ClientsCommand.Enable.class, ClientsCommand.ListClients.class })
final class ClientsCommand implements Runnable {

	static final String DEFAULT_ACTOR = "cli:${sys:user.name}";

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command");
	}

	/**
	 * The problems of a refused request on one line, in English.
	 */
	static IllegalArgumentException refused(InvalidClientException ex, MessageSource messages) {
		return new IllegalArgumentException(ex.problems()
			.stream()
			.map((problem) -> problem.field() + ": "
					+ messages.getMessage(problem.code(), problem.argumentArray(), problem.code(), Locale.ENGLISH))
			.collect(Collectors.joining("; ")));
	}

	static void printIssued(PrintWriter out, IssuedSecret issued, String verb) {
		out.println(verb + " client " + issued.client().clientId() + " (" + issued.client().name() + ")");
		out.println("client_id:     " + issued.client().clientId());
		if (issued.secret() != null) {
			out.println("client_secret: " + issued.secret());
			out.println("The secret is shown only now; it is stored as a SHA-256 hash.");
		}
		if (issued.client().previousSecretValidUntil() != null) {
			out.println("The previous secret works until " + issued.client().previousSecretValidUntil() + ".");
		}
		out.flush();
	}

	/**
	 * Reads {@code 10m}, {@code 24h}, {@code 30d} or ISO-8601 ({@code PT10M}).
	 */
	static final class DurationConverter implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			return DurationStyle.detectAndParse(value);
		}

	}

	@Command(name = "register", description = { "Register a client; its secret is generated and shown once.",
			"Example: admin clients register --name 'Reports' --grant-type client_credentials --scope documents.read" })
	static final class Register implements Callable<Integer> {

		private final ClientAdministration clients;

		private final MessageSource messages;

		@Option(names = "--name", required = true, paramLabel = "TEXT", description = "Shown on the consent page.")
		String name;

		@Option(names = "--client-id", paramLabel = "ID", description = "Wanted client id (default: generated).")
		@Nullable String clientId;

		@Option(names = "--auth-method", paramLabel = "METHOD", defaultValue = "client_secret_basic",
				description = "client_secret_basic (default), private_key_jwt or none (public client).")
		String authMethod;

		@Option(names = "--grant-type", paramLabel = "GRANT", split = ",",
				description = "authorization_code, refresh_token, client_credentials (repeat or comma-separate; "
						+ "default: authorization_code).")
		List<String> grantTypes = new ArrayList<>();

		@Option(names = "--redirect-uri", paramLabel = "URI", description = "A redirect URI (repeat for more).")
		List<String> redirectUris = new ArrayList<>();

		@Option(names = "--post-logout-redirect-uri", paramLabel = "URI",
				description = "A post-logout redirect URI (repeat for more).")
		List<String> postLogoutRedirectUris = new ArrayList<>();

		@Option(names = "--scope", paramLabel = "SCOPE", split = " ", required = true,
				description = "A scope the client may ask for (repeat, or one space-separated value).")
		List<String> scopes = new ArrayList<>();

		@Option(names = "--no-consent", description = "Do not ask people to approve the scopes.")
		boolean noConsent;

		@Option(names = "--access-token-lifetime", paramLabel = "DURATION", defaultValue = "10m",
				converter = DurationConverter.class, description = "1m to 10m (default: ${DEFAULT-VALUE}).")
		Duration accessTokenLifetime;

		@Option(names = "--refresh-token-lifetime", paramLabel = "DURATION", defaultValue = "30d",
				converter = DurationConverter.class, description = "5m to 30d (default: ${DEFAULT-VALUE}).")
		Duration refreshTokenLifetime;

		@Option(names = "--jwks-uri", paramLabel = "URL", description = "Key set URL, for private_key_jwt.")
		@Nullable String jwksUri;

		@Option(names = "--backchannel-logout-uri", paramLabel = "URL", description = "Back-channel logout URI.")
		@Nullable String backchannelLogoutUri;

		@Option(names = "--actor", defaultValue = DEFAULT_ACTOR, paramLabel = "NAME",
				description = "Who asks, for the audit record (default: ${DEFAULT-VALUE}).")
		String actor;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Register(ClientAdministration clients, MessageSource messages) {
			this.clients = clients;
			this.messages = messages;
		}

		@Override
		public Integer call() {
			List<String> grants = this.grantTypes.isEmpty() ? List.of("authorization_code") : this.grantTypes;
			ClientRegistrationRequest request = new ClientRegistrationRequest(this.clientId, this.name, this.authMethod,
					grants, this.redirectUris, this.postLogoutRedirectUris,
					this.scopes.stream().filter((s) -> !s.isBlank()).toList(), !this.noConsent, true,
					this.accessTokenLifetime, this.refreshTokenLifetime, this.jwksUri, this.backchannelLogoutUri);
			try {
				printIssued(this.spec.commandLine().getOut(),
						this.clients.register(request, Actor.commandLine(this.actor)), "Registered");
			}
			catch (InvalidClientException ex) {
				throw refused(ex, this.messages);
			}
			return 0;
		}

	}

	@Command(name = "rotate-secret", description = { "Give a client a new secret, shown once.",
			"The current secret keeps working for the grace period, then stops." })
	static final class RotateSecret implements Callable<Integer> {

		private final ClientAdministration clients;

		private final MessageSource messages;

		@Parameters(index = "0", paramLabel = "CLIENT_ID", description = "The client.")
		String clientId;

		@Option(names = "--grace", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
				description = "How long the current secret keeps working: 0s (default) to 30d, e.g. 24h.")
		Duration grace;

		@Option(names = "--actor", defaultValue = DEFAULT_ACTOR, paramLabel = "NAME",
				description = "Who asks, for the audit record (default: ${DEFAULT-VALUE}).")
		String actor;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		RotateSecret(ClientAdministration clients, MessageSource messages) {
			this.clients = clients;
			this.messages = messages;
		}

		@Override
		public Integer call() {
			try {
				printIssued(this.spec.commandLine().getOut(),
						this.clients.rotateSecret(this.clientId, this.grace, Actor.commandLine(this.actor)),
						"New secret for");
			}
			catch (InvalidClientException ex) {
				throw refused(ex, this.messages);
			}
			return 0;
		}

	}

	@Command(name = "disable", description = "Disable a client: no new tokens, no sign-ins.")
	static final class Disable implements Callable<Integer> {

		private final ClientAdministration clients;

		@Parameters(index = "0", paramLabel = "CLIENT_ID", description = "The client.")
		String clientId;

		@Option(names = "--actor", defaultValue = DEFAULT_ACTOR, paramLabel = "NAME",
				description = "Who asks, for the audit record (default: ${DEFAULT-VALUE}).")
		String actor;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Disable(ClientAdministration clients) {
			this.clients = clients;
		}

		@Override
		public Integer call() {
			ClientDetails client = this.clients.disable(this.clientId, Actor.commandLine(this.actor));
			this.spec.commandLine().getOut().println("Disabled client " + client.clientId());
			this.spec.commandLine().getOut().flush();
			return 0;
		}

	}

	@Command(name = "enable", description = "Enable a disabled client again.")
	static final class Enable implements Callable<Integer> {

		private final ClientAdministration clients;

		@Parameters(index = "0", paramLabel = "CLIENT_ID", description = "The client.")
		String clientId;

		@Option(names = "--actor", defaultValue = DEFAULT_ACTOR, paramLabel = "NAME",
				description = "Who asks, for the audit record (default: ${DEFAULT-VALUE}).")
		String actor;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		Enable(ClientAdministration clients) {
			this.clients = clients;
		}

		@Override
		public Integer call() {
			ClientDetails client = this.clients.enable(this.clientId, Actor.commandLine(this.actor));
			this.spec.commandLine().getOut().println("Enabled client " + client.clientId());
			this.spec.commandLine().getOut().flush();
			return 0;
		}

	}

	@Command(name = "list", description = "List every client with its type, grant types and status.")
	static final class ListClients implements Callable<Integer> {

		private static final String ROW = "%-24s %-20s %-8s %-45s %s%n";

		private final ClientAdministration clients;

		@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@Spec
		CommandSpec spec;

		ListClients(ClientAdministration clients) {
			this.clients = clients;
		}

		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			out.printf(ROW, "CLIENT_ID", "AUTH", "STATUS", "GRANT TYPES", "NAME");
			for (ClientDetails client : this.clients.list()) {
				out.printf(ROW, client.clientId(), client.authenticationMethod(),
						client.disabled() ? "disabled" : "enabled", String.join(",", client.grantTypes()),
						client.name().replaceAll("\\p{Cntrl}", "?"));
			}
			out.flush();
			return 0;
		}

	}

}
