package dev.latchkey.auth.keys;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key-encryption key comes from: {@code LATCHKEY_KEK} (base64) or
 * {@code LATCHKEY_KEK_FILE} (a file holding it, e.g. a mounted secret).
 *
 * @param kek the key itself, base64
 * @param kekFile a file holding the key in base64
 */
@ConfigurationProperties("latchkey")
record KeyProperties(@Nullable String kek, @Nullable Path kekFile) {

	@Override
	public String toString() {
		return "KeyProperties[kek=" + ((this.kek != null) ? "[redacted]" : "null") + ", kekFile=" + this.kekFile + "]";
	}

}
