package dev.latchkey.auth.reset;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The reset and mail settings refuse values that would make the flow unsafe or unusable,
 * each with a message naming the setting.
 */
class ResetSettingsTests {

	private static final Duration HOUR = Duration.ofHours(1);

	@Test
	void resetPropertiesWhenBlankBaseUrlThenIssuerIsUsed() {
		assertThat(new ResetProperties("  ", HOUR, 5).linkBaseUrl()).isNull();
		assertThat(new ResetProperties(null, HOUR, 5).linkBaseUrl()).isNull();
	}

	@Test
	void resetPropertiesWhenHttpOrHttpsBaseUrlThenKept() {
		assertThat(new ResetProperties("https://id.example.com/base", HOUR, 5).linkBaseUrl())
			.isEqualTo("https://id.example.com/base");
		assertThat(new ResetProperties("http://localhost:9000", HOUR, 5).linkBaseUrl())
			.isEqualTo("http://localhost:9000");
	}

	@Test
	void resetPropertiesWhenBaseUrlUnusableThenRefusedNamingTheSetting() {
		for (String url : new String[] { "ftp://example.com", "https://example.com/?a=b", "https://example.com/#x",
				"/relative", "https:///no-host" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new ResetProperties(url, HOUR, 5))
				.withMessage("latchkey.reset.link-base-url must be an http(s) URL without query or fragment");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> new ResetProperties("https://exa mple.com", HOUR, 5))
			.withMessage("latchkey.reset.link-base-url is not a valid URL");
	}

	@Test
	void resetPropertiesWhenValidityFromFiveMinutesToOneDayThenAccepted() {
		assertThat(new ResetProperties(null, Duration.ofMinutes(5), 5).linkValidity()).isEqualTo(Duration.ofMinutes(5));
		assertThat(new ResetProperties(null, Duration.ofDays(1), 5).linkValidity()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void resetPropertiesWhenValidityOutsideBoundsThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ResetProperties(null, Duration.ofMinutes(5).minusSeconds(1), 5))
			.withMessage("latchkey.reset.link-validity must be 5 minutes to 1 day");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ResetProperties(null, Duration.ofDays(1).plusSeconds(1), 5))
			.withMessage("latchkey.reset.link-validity must be 5 minutes to 1 day");
	}

	@Test
	void resetPropertiesWhenMailsPerHourBelowOneThenRefused() {
		assertThat(new ResetProperties(null, HOUR, 1).maxMailsPerHour()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> new ResetProperties(null, HOUR, 0))
			.withMessage("latchkey.reset.max-mails-per-hour must be at least 1");
	}

	@Test
	void mailSettingsWhenValidThenKept() {
		MailSettings settings = new MailSettings("Latchkey <no-reply@example.com>", Duration.ofSeconds(1),
				Duration.ofSeconds(1));
		assertThat(settings.from()).isEqualTo("Latchkey <no-reply@example.com>");
		assertThat(settings.retryInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.giveUpAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void mailSettingsWhenUnusableThenRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MailSettings("not an address", Duration.ofSeconds(30), HOUR))
			.withMessage("latchkey.mail.from is not a valid mail address");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MailSettings("a@example.com", Duration.ofMillis(999), HOUR))
			.withMessage("latchkey.mail.retry-interval must be at least 1 second");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MailSettings("a@example.com", Duration.ofSeconds(30), Duration.ofSeconds(29)))
			.withMessage("latchkey.mail.give-up-after must be at least the retry interval");
	}

	@Test
	void linkStatusWhenEachStateThenItsPageStatus() {
		assertThat(LinkStatus.LIVE.httpStatus().value()).isEqualTo(200);
		assertThat(LinkStatus.EXPIRED.httpStatus().value()).isEqualTo(410);
		assertThat(LinkStatus.SUPERSEDED.httpStatus().value()).isEqualTo(410);
		assertThat(LinkStatus.USED.httpStatus().value()).isEqualTo(410);
		assertThat(LinkStatus.UNKNOWN.httpStatus().value()).isEqualTo(404);
		assertThat(LinkStatus.NOT_OPENED.httpStatus().value()).isEqualTo(400);
	}

	@Test
	void mailKindWhenEachKindThenItsSubjectAndTemplate() {
		assertThat(MailKind.PASSWORD_RESET.subjectCode()).isEqualTo("mail.reset.subject");
		assertThat(MailKind.PASSWORD_RESET.template()).isEqualTo("password-reset");
		assertThat(MailKind.PASSWORD_CHANGED.subjectCode()).isEqualTo("mail.changed.subject");
		assertThat(MailKind.PASSWORD_CHANGED.template()).isEqualTo("password-changed");
	}

}
