package dev.latchkey.auth.system;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator command line: {@code java -jar auth-server.jar admin <command>}. It starts
 * Spring without a web server and lazily (only what the command needs, plus startup
 * checks such as migrations and the signing key check), runs one command and returns its
 * exit code: 0 when it worked, 1 when it failed, 2 for a usage error; a failure is one
 * line on stderr.
 * <p>
 * Features contribute commands without this package knowing them: every Spring bean
 * annotated with picocli's {@link Command @Command} is a subcommand of {@code admin}
 * (e.g. {@code admin keys}). Its own subcommands are created through Spring, so they get
 * their services by constructor injection.
 * <p>
 * Spring settings can be given as {@code --name=value} arguments whose name has a dot
 * (e.g. {@code --spring.profiles.active=dev}), or as environment variables as for the
 * server. Console logging is off unless {@code --logging.console.enabled=true}.
 */
public final class AdminCli {

	/** Leading argument that selects the command line instead of the server. */
	public static final String ADMIN = "admin";

	/** The admin command being run, for startup code that must behave differently. */
	public static final String COMMAND_PROPERTY = "latchkey.admin.command";

	static final int FAILED = 1;

	static final int USAGE = 2;

	private static final Pattern SPRING_PROPERTY = Pattern.compile("--[A-Za-z0-9_-]+(\\.[A-Za-z0-9_\\[\\]-]+)+=.*",
			Pattern.DOTALL);

	private AdminCli() {
	}

	/**
	 * Runs one admin command.
	 * @param application the Spring Boot application class
	 * @param args the arguments after {@code admin}
	 * @return the exit code
	 */
	public static int run(Class<?> application, String... args) {
		// Only a real command-line run turns console logging off: the logging system is
		// global to the JVM, so doing it for an in-process run would silence the rest.
		// The console's own encoding, as before, but named.
		Charset console = Charset.defaultCharset();
		return run(application, args, new PrintWriter(new OutputStreamWriter(System.out, console), true),
				new PrintWriter(new OutputStreamWriter(System.err, console), true), "logging.console.enabled=false");
	}

	/**
	 * Runs one admin command, writing to the given streams.
	 * @param application the Spring Boot application class
	 * @param args the arguments after {@code admin}
	 * @param out where the command's output goes
	 * @param err where errors go
	 * @return the exit code
	 */
	public static int run(Class<?> application, String[] args, PrintWriter out, PrintWriter err) {
		return run(application, args, out, err, "logging.console.enabled=true");
	}

	private static int run(Class<?> application, String[] args, PrintWriter out, PrintWriter err,
			String consoleLogging) {
		if (args.length > 0 && "health-check".equals(args[0])) {
			// Probes run it every few seconds: no Spring context, no database.
			return new CommandLine(new HealthCheckCommand()).setOut(out)
				.setErr(err)
				.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
		}
		List<String> springArgs = new ArrayList<>();
		List<String> commandArgs = new ArrayList<>();
		for (String arg : args) {
			(SPRING_PROPERTY.matcher(arg).matches() ? springArgs : commandArgs).add(arg);
		}
		// The command line is not the server: no sample data, no startup banner or logs.
		springArgs.add(0, "--latchkey.dev.sample-data=false");
		// Which command runs: only `admin migrate` may change the schema at startup.
		springArgs.add(0, "--" + COMMAND_PROPERTY + "=" + (commandArgs.isEmpty() ? "" : commandArgs.get(0)));
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
				.lazyInitialization(true)
				.logStartupInfo(false)
				.registerShutdownHook(false)
				.properties(consoleLogging, "spring.main.banner-mode=off")
				.run(springArgs.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			err.println(ADMIN + ": cannot start: " + reason(ex));
			return FAILED;
		}
		try (context) {
			return execute(context, out, err, commandArgs.toArray(String[]::new));
		}
	}

	/**
	 * Runs one admin command in an application that is already running.
	 * @param context the application
	 * @param out where the command's output goes
	 * @param err where errors go
	 * @param args the arguments after {@code admin}, without Spring settings
	 * @return the exit code
	 */
	public static int execute(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err,
			String... args) {
		return commandLine(context, out, err).execute(args);
	}

	private static CommandLine commandLine(ConfigurableApplicationContext context, PrintWriter out, PrintWriter err) {
		CommandLine.IFactory factory = new SpringCommandFactory(context.getAutowireCapableBeanFactory());
		CommandLine root = new CommandLine(new AdminCommand(), factory);
		context.getBeansWithAnnotation(Command.class)
			.values()
			.stream()
			.sorted(Comparator.comparing((command) -> new CommandLine(command, factory).getCommandName()))
			.forEach((command) -> root.addSubcommand(new CommandLine(command, factory)));
		root.addSubcommand(new CommandLine(new HealthCheckCommand()));
		// Set after the subcommands are added: picocli copies these down the tree.
		root.setOut(out);
		root.setErr(err);
		root.setExecutionExceptionHandler((ex, command, parsed) -> {
			command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + reason(ex));
			return FAILED;
		});
		root.setParameterExceptionHandler((ex, arguments) -> {
			String name = ex.getCommandLine().getCommandSpec().qualifiedName();
			ex.getCommandLine().getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
			return USAGE;
		});
		return root;
	}

	/**
	 * The most telling message in a chain of causes, on one line.
	 */
	static String reason(Throwable failure) {
		Throwable telling = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				telling = cause;
				if (!cause.getClass().getName().startsWith("org.springframework.")) {
					break;
				}
			}
		}
		String message = (telling.getMessage() != null) ? telling.getMessage() : telling.getClass().getSimpleName();
		return message.strip().replaceAll("\\s*\\R\\s*", " ");
	}

	@Command(name = ADMIN, description = "Operator commands for Latchkey; run against the server's database.",
			synopsisSubcommandLabel = "COMMAND",
			footer = { "", "Spring settings: --name=value (a name with a dot, e.g. --spring.profiles.active=dev) "
					+ "or the server's environment variables." })
	static final class AdminCommand implements Runnable {

		@CommandLine.Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
		boolean help;

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Override
		public void run() {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "Missing command");
		}

	}

}
