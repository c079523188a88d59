package dev.latchkey.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load generator: {@code concurrency} clients, each on its own thread and
 * its own keep-alive connection, start the next operation as soon as the previous one
 * answered. Only operations that complete inside the measurement window (after the
 * warm-up) count; latency is recorded in microseconds.
 */
final class LoadRun {

	private LoadRun() {
	}

	static Result run(Scenario scenario, int concurrency, Duration warmup, Duration measure, Database db,
			Ceilings ceilings) {
		scenario.beforeRun(db);
		List<Scenario.Worker> workers = prepare(scenario, concurrency);
		long serverPid = scenario.serverPid();
		Client[] clients = new Client[concurrency];
		Window window = new Window();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			clients[i] = new Client(workers.get(i), window);
			Thread thread = new Thread(clients[i], "load-" + i);
			thread.setDaemon(true);
			threads.add(thread);
		}
		threads.forEach(Thread::start);
		ServerProcess.sleep(warmup.toMillis());
		long cpuBefore = ProcStat.cpuMillis(serverPid);
		Database.Counters dbBefore = db.counters(scenario.target.database);
		window.start = System.nanoTime();
		ServerProcess.sleep(measure.toMillis());
		window.end = System.nanoTime();
		long cpuAfter = ProcStat.cpuMillis(serverPid);
		Database.Counters dbAfter = db.counters(scenario.target.database);
		window.stopped = true;
		for (Thread thread : threads) {
			try {
				thread.join(35_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		Histogram latency = new Histogram(60_000_000L, 3);
		long operations = 0;
		long errors = 0;
		long shed = 0;
		String firstError = null;
		for (Client client : clients) {
			latency.add(client.latency);
			operations += client.operations;
			errors += client.errors;
			shed += client.shed;
			if (firstError == null) {
				firstError = client.firstError;
			}
		}
		double seconds = (window.end - window.start) / 1e9;
		return new Result(scenario.target.label, scenario.name, concurrency, operations, errors, shed, firstError,
				seconds, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
				cpuAfter - cpuBefore, dbAfter.minus(dbBefore), scenario.cryptoMillis(ceilings),
				scenario.requestsPerOperation());
	}

	/**
	 * Makes every client's state in parallel (sign-ins for refresh tokens, tokens to
	 * present), before the clock starts.
	 */
	private static List<Scenario.Worker> prepare(Scenario scenario, int concurrency) {
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, 8));
		try {
			List<Future<Scenario.Worker>> futures = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				int number = i;
				futures.add(pool.submit(() -> withRetries(() -> scenario.worker(number))));
			}
			List<Scenario.Worker> workers = new ArrayList<>();
			for (Future<Scenario.Worker> future : futures) {
				workers.add(future.get());
			}
			return workers;
		}
		catch (ExecutionException ex) {
			throw new BenchException("Cannot prepare " + scenario.name + ": " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
		finally {
			pool.shutdown();
		}
	}

	private static Scenario.Worker withRetries(java.util.function.Supplier<Scenario.Worker> factory) {
		AtomicReference<RuntimeException> last = new AtomicReference<>();
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				return factory.get();
			}
			catch (RuntimeException ex) {
				last.set(ex);
				ServerProcess.sleep(500);
			}
		}
		throw last.get();
	}

	private static final class Window {

		volatile long start = Long.MAX_VALUE;

		volatile long end = Long.MAX_VALUE;

		volatile boolean stopped;

	}

	private static final class Client implements Runnable {

		private final Scenario.Worker worker;

		private final Window window;

		final Histogram latency = new Histogram(60_000_000L, 3);

		long operations;

		long errors;

		long shed;

		String firstError;

		Client(Scenario.Worker worker, Window window) {
			this.worker = worker;
			this.window = window;
		}

		@Override
		public void run() {
			while (!this.window.stopped) {
				long started = System.nanoTime();
				RuntimeException failure = null;
				try {
					this.worker.run();
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
				long ended = System.nanoTime();
				boolean counted = ended >= this.window.start && ended <= this.window.end;
				if (failure == null) {
					if (counted) {
						this.operations++;
						this.latency.recordValue(Math.min((ended - started) / 1000, 59_000_000L));
					}
					continue;
				}
				if (counted) {
					count(failure);
				}
				try {
					this.worker.recover();
				}
				catch (RuntimeException ex) {
					ServerProcess.sleep(100);
				}
			}
		}

		/**
		 * A request the server shed (503 with Retry-After, its designed answer to
		 * overload) is counted apart from errors.
		 */
		private void count(RuntimeException failure) {
			if (failure instanceof BenchException bench && bench.shed()) {
				this.shed++;
				return;
			}
			this.errors++;
			if (this.firstError == null) {
				this.firstError = failure.getMessage();
			}
		}

	}

	/**
	 * One scenario at one concurrency.
	 *
	 * @param shed requests the server turned away as designed under overload (503 with
	 * {@code Retry-After}), apart from the errors
	 * @param cryptoMillis milliseconds of unavoidable cryptography per operation (NaN:
	 * none, the ceiling is a baseline)
	 */
	record Result(String server, String scenario, int concurrency, long operations, long errors, long shed,
			String firstError, double seconds, double p50Millis, double p99Millis, long serverCpuMillis,
			Database.Counters db, double cryptoMillis, int requestsPerOperation) {

		double throughput() {
			return this.operations / this.seconds;
		}

		double cpuPerOperation() {
			return (this.operations == 0) ? Double.NaN : (double) this.serverCpuMillis / this.operations;
		}

		double dbCpuPerOperation() {
			return (this.operations == 0) ? Double.NaN : (double) this.db.cpuMillis() / this.operations;
		}

		double per(long count) {
			return (this.operations == 0) ? Double.NaN : (double) count / this.operations;
		}

		/**
		 * The operations per second the cryptography alone would allow on every core.
		 */
		double cryptoCeiling(int cores) {
			return cores * 1000 / this.cryptoMillis;
		}

	}

}
