package dev.latchkey.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReportTests {

	private final Report report = new Report(2);

	@Test
	void problemsWhenWithinCeilingAndNoErrorsThenNone() {
		// 1 ms of signing per token on 2 cores allows 2,000/s; 500/s is a quarter of it.
		LoadRun.Result result = result("client_credentials", 5000, 0, 10, 5000 * 4, 1.0);

		assertThat(this.report.problems(List.of(result))).isEmpty();
		assertThat(this.report.ceiling(result, List.of(result))).isEqualTo(2000);
	}

	@Test
	void problemsWhenErrorsThenReported() {
		LoadRun.Result result = result("client_credentials", 5000, 3, 10, 5000 * 4, 1.0);

		assertThat(this.report.problems(List.of(result))).singleElement().asString().contains("3 errors");
	}

	@Test
	void problemsWhenFasterThanTheCryptographyAllowsThenImplausible() {
		// 30,000 operations in 10 s is 3,000/s, over the 2,000/s the signatures allow.
		LoadRun.Result result = result("client_credentials", 30_000, 0, 10, 30_000 * 2, 1.0);

		assertThat(this.report.problems(List.of(result))).anyMatch((problem) -> problem.contains("implausible"));
	}

	@Test
	void problemsWhenServerCpuBelowItsCryptographyThenImplausible() {
		LoadRun.Result result = result("client_credentials", 1000, 0, 10, 500, 1.0);

		assertThat(this.report.problems(List.of(result))).anyMatch((problem) -> problem.contains("less than its"));
	}

	@Test
	void problemsWhenNothingCompletedThenReported() {
		LoadRun.Result result = result("introspection", 0, 0, 10, 0, Double.NaN);

		assertThat(this.report.problems(List.of(result))).anyMatch((problem) -> problem.contains("no operation"));
	}

	@Test
	void ceilingWhenResourceServerThenTheBaselineAtTheSameConcurrency() {
		LoadRun.Result baseline = result("resource baseline (no security)", 10_000, 0, 10, 1000, Double.NaN);
		LoadRun.Result secured = result("resource (token, cached)", 9_000, 0, 10, 1000, Double.NaN);

		assertThat(this.report.ceiling(secured, List.of(baseline, secured))).isEqualTo(1000);
		assertThat(this.report.problems(List.of(baseline, secured))).isEmpty();
	}

	@Test
	void problemsWhenRequestsWereOnlyShedThenNone() {
		LoadRun.Result result = new LoadRun.Result("Latchkey", "authorization code + sign-in", 64, 200, 0, 100, null,
				10, 1, 2, 200 * 80, new Database.Counters(200, 200, 200, 0), 31, 7);

		assertThat(this.report.problems(List.of(result))).isEmpty();
	}

	@Test
	void expectWhenBusyWithRetryAfterThenShedElseAnError() {
		Http.Response busy = new Http.Response(503, "<title>Busy right now</title>", null, "https://x/login", true);
		Http.Response broken = new Http.Response(503, "<title>Down</title>", null, "https://x/login", false);

		assertThatExceptionOfType(BenchException.class).isThrownBy(() -> busy.expect(302))
			.satisfies((ex) -> assertThat(ex.shed()).isTrue());
		assertThatExceptionOfType(BenchException.class).isThrownBy(() -> broken.expect(302))
			.satisfies((ex) -> assertThat(ex.shed()).isFalse());
	}

	private static LoadRun.Result result(String scenario, long operations, long errors, double seconds,
			long serverCpuMillis, double cryptoMillis) {
		return new LoadRun.Result("Latchkey", scenario, 8, operations, errors, 0, (errors > 0) ? "boom" : null, seconds,
				1, 2, serverCpuMillis, new Database.Counters(operations, operations, operations, 0), cryptoMillis, 1);
	}

}
