package dev.redisl2.hibernate.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Redis key layout of one region:
 * <pre>
 *   &lt;key prefix&gt;:&lt;region&gt;:{&lt;entry id&gt;}    one key per cache entry
 *   &lt;key prefix&gt;:&lt;region&gt;:~state          the region's generation and bulk-lock state
 * </pre>
 * The braces make the entry id the Redis Cluster hash tag: every key a script touches for one entry
 * is that one key, and a region's entries spread over all slots instead of pinning one shard.
 */
public final class KeyLayout {

	private final String entryPrefix;
	private final byte[] stateKey;

	public KeyLayout(String keyPrefix, String regionName) {
		this.entryPrefix = keyPrefix + ':' + KeyText.escape( regionName ) + ":{";
		this.stateKey = ( keyPrefix + ':' + KeyText.escape( regionName ) + ":~state" ).getBytes( StandardCharsets.UTF_8 );
	}

	public byte[] entryKey(String entryId) {
		return ( entryPrefix + entryId + '}' ).getBytes( StandardCharsets.UTF_8 );
	}

	public byte[] stateKey() {
		return stateKey.clone();
	}

	/** The pattern that matches this region's entry keys, for diagnostics (never used on a request path). */
	public String entryPattern() {
		return entryPrefix + "*}";
	}
}
