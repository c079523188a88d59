package dev.latchkey.bench;

import java.nio.file.Path;

final class SideBySide {

	private final Options options;

	private final Report report;

	private final Path work;

	SideBySide(Options options, Report report, Path work) {
		this.options = options;
		this.report = report;
		this.work = work;
	}

	boolean run() {
		throw new UnsupportedOperationException("not yet");
	}

}
