package dev.latchkey.auth.system;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;

/**
 * Creates picocli commands through Spring, so a command gets its services by constructor
 * injection; anything else (converters, picocli's own types) the picocli way.
 */
final class SpringCommandFactory implements CommandLine.IFactory {

	private final AutowireCapableBeanFactory beans;

	SpringCommandFactory(AutowireCapableBeanFactory beans) {
		this.beans = beans;
	}

	@Override
	public <K> K create(Class<K> type) throws Exception {
		if (type.isAnnotationPresent(Command.class) && !type.isInterface()) {
			return this.beans.createBean(type);
		}
		return CommandLine.defaultFactory().create(type);
	}

}
