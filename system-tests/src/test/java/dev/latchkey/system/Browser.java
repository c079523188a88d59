package dev.latchkey.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its ChromeDriver. Without them the browser tests
 * are skipped with a message, except in CI ({@code CI=true}), where they must run.
 */
final class Browser {

	private static final Path CHROMIUM = Path.of(System.getProperty("latchkey.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("latchkey.chromedriver", "/usr/bin/chromedriver"));

	private Browser() {
	}

	static ChromeDriver start() {
		boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!available) {
			String message = "Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
					+ CHROMEDRIVER + "); install them with `apt-get install chromium chromium-driver`.";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true but " + message);
			}
			System.err.println("SKIPPED: " + message);
			Assumptions.abort(message);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

}
