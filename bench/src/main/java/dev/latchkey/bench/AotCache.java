package dev.latchkey.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Latchkey's jar extracted ({@code java -Djarmode=tools -jar ... extract}: the
 * application jar beside its libraries, which an ahead-of-time cache needs) and the cache
 * recorded for it, once per work directory.
 *
 * @param jar the extracted application jar
 * @param file the cache
 */
record AotCache(Path jar, Path file) {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	static AotCache prepare(Path jar, String java, List<String> jvmOptions, Map<String, String> env, Path workDir) {
		Path directory = workDir.resolve("latchkey-app");
		AotCache cache = new AotCache(directory.resolve(jar.getFileName()), directory.resolve("latchkey.aot"));
		if (Files.exists(cache.file())) {
			return cache;
		}
		System.out.println("Extracting Latchkey and recording its AOT cache (a training start, not timed) ...");
		run("latchkey-extract", List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				directory.toString()), Map.of(), workDir);
		List<String> training = new ArrayList<>(List.of(java));
		training.addAll(jvmOptions);
		training.addAll(List.of("-XX:AOTCacheOutput=" + cache.file(), "-Dspring.context.exit=onRefresh", "-jar",
				cache.jar().toString()));
		try {
			run("latchkey-aot-training", training, env, workDir);
		}
		catch (BenchException ex) {
			throw new BenchException("Recording the AOT cache failed (it needs JDK 24 or newer; BENCH_JAVA_HOME "
					+ "picks the JDK): " + ex.getMessage());
		}
		if (!Files.exists(cache.file())) {
			throw new BenchException(
					"The training run wrote no AOT cache, see " + workDir.resolve("latchkey-aot-training.log"));
		}
		return cache;
	}

	private static void run(String name, List<String> command, Map<String, String> env, Path workDir) {
		ServerProcess process = ServerProcess.start(name, command, env, workDir);
		int status = process.awaitExit(TIMEOUT);
		if (status != 0) {
			throw new BenchException(name + " failed (" + status + "):\n" + process.tail());
		}
	}

}
