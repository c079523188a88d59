package dev.latchkey.auth.keys;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key-encryption keys come from: {@code LATCHKEY_KEK} (base64) or
 * {@code LATCHKEY_KEK_FILE} (a file holding it, e.g. a mounted secret) for the current
 * one, and {@code LATCHKEY_KEK_PREVIOUS} for older ones that still open keys wrapped
 * before a KEK rotation.
 *
 * @param kek the current key, base64
 * @param kekFile a file holding the current key in base64
 * @param kekPrevious previous keys, base64, comma-separated in the environment variable
 */
@ConfigurationProperties("latchkey")
record KeyProperties(@Nullable String kek, @Nullable Path kekFile, List<String> kekPrevious) {

	KeyProperties(@Nullable String kek, @Nullable Path kekFile, @Nullable List<String> kekPrevious) {
		this.kek = kek;
		this.kekFile = kekFile;
		this.kekPrevious = (kekPrevious != null) ? kekPrevious.stream().filter((value) -> !value.isBlank()).toList()
				: List.of();
	}

	@Override
	public String toString() {
		return "KeyProperties[kek=" + ((this.kek != null) ? "[redacted]" : "null") + ", kekFile=" + this.kekFile
				+ ", kekPrevious=[" + this.kekPrevious.size() + " redacted]]";
	}

}
