package dev.redisl2.hibernate.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis key layout of one region. On a single Redis (standalone or Sentinel):
 * <pre>
 *   &lt;key prefix&gt;:&lt;region&gt;:{&lt;entry id&gt;}    one key per cache entry
 *   &lt;key prefix&gt;:&lt;region&gt;:~state          the region's generation and bulk-lock state
 * </pre>
 * The braces make the entry id the Redis Cluster hash tag: every key a script touches for one entry
 * is that one key, and a region's entries spread over all slots instead of pinning one shard.
 *
 * <p>On Redis Cluster ({@link #clustered}) an entry is read in the same {@code MGET} as the region state,
 * so both must share a slot. The tag is then the entry's {@linkplain SlotBuckets bucket}, and the state
 * has one copy per bucket, written by every region operation and read with the bucket's entries:
 * <pre>
 *   &lt;key prefix&gt;:&lt;region&gt;:{&lt;bucket tag&gt;}&lt;entry id&gt;   one key per cache entry
 *   &lt;key prefix&gt;:&lt;region&gt;:~state                  the authoritative region state
 *   &lt;key prefix&gt;:&lt;region&gt;:~state:{&lt;bucket tag&gt;}    its copy for the bucket (1,024 per region)
 * </pre>
 * Every read then touches one slot of 1,024, so neither a region nor its state is a hot shard.
 */
public final class KeyLayout {

	private final String regionPrefix;
	private final String refreshPrefix;
	private final byte[] stateKey;
	private final boolean clustered;

	/** The single-Redis layout. */
	public KeyLayout(String keyPrefix, String regionName) {
		this( keyPrefix, regionName, false );
	}

	private KeyLayout(String keyPrefix, String regionName, boolean clustered) {
		this( keyPrefix, regionName, clustered, false );
	}

	private KeyLayout(String keyPrefix, String regionName, boolean clustered, boolean compact) {
		String region = compact ? regionCode( regionName ) : KeyText.escape( regionName );
		this.regionPrefix = keyPrefix + ':' + region + ':';
		this.refreshPrefix = keyPrefix + ":~refresh:" + region + ':';
		this.stateKey = ( regionPrefix + "~state" ).getBytes( StandardCharsets.UTF_8 );
		this.clustered = clustered;
	}

	/** The Redis Cluster layout: entries tagged by bucket, the region state copied into every bucket. */
	public static KeyLayout clustered(String keyPrefix, String regionName) {
		return new KeyLayout( keyPrefix, regionName, true );
	}

	public static KeyLayout of(String keyPrefix, String regionName, boolean clustered) {
		return new KeyLayout( keyPrefix, regionName, clustered );
	}

	/**
	 * The compact layout ({@code key_layout=compact}): the region name is replaced by its {@link #regionCode},
	 * so a key of {@code dev.acme.model.Product} costs 5 characters instead of 22 for its region.
	 */
	public static KeyLayout of(String keyPrefix, String regionName, boolean clustered, boolean compact) {
		return new KeyLayout( keyPrefix, regionName, clustered, compact );
	}

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	/**
	 * Five base32 characters (25 bits) of the SHA-256 of the region name: derived, not assigned, so every node
	 * and every deployment computes the same code with no coordination. Two regions of one SessionFactory
	 * whose codes collide are refused at startup ({@code CacheContext}); the tilde never occurs in a code, so
	 * a code is never {@code ~refresh} or another reserved segment.
	 */
	public static String regionCode(String regionName) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance( "SHA-256" ).digest( regionName.getBytes( StandardCharsets.UTF_8 ) );
			long bits = ( digest[0] & 0xFFL ) << 32 | ( digest[1] & 0xFFL ) << 24 | ( digest[2] & 0xFFL ) << 16
					| ( digest[3] & 0xFFL ) << 8 | ( digest[4] & 0xFFL );
			char[] code = new char[5];
			for ( int i = 0; i < 5; i++ ) {
				code[i] = BASE32[(int) ( bits >>> ( 35 - 5 * ( i + 1 ) ) ) & 31];
			}
			return new String( code );
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException( e );
		}
	}

	/** {@code <key prefix>:<region>:}, the start of every key of the region. */
	public String regionPrefix() {
		return regionPrefix;
	}

	/**
	 * The early-expiration refresh marker of one entry: {@code <key prefix>:~refresh:<region>:{<entry id>}}.
	 * Outside the region prefix on purpose: the near cache tracks that prefix, and a marker set and expiring
	 * under it would be an invalidation message of the whole region on every node.
	 */
	public byte[] refreshMarkerKey(String entryId) {
		return ( refreshPrefix + '{' + entryId + '}' ).getBytes( StandardCharsets.UTF_8 );
	}

	public boolean isClustered() {
		return clustered;
	}

	public byte[] entryKey(String entryId) {
		String key = clustered
				? regionPrefix + '{' + SlotBuckets.tag( SlotBuckets.bucketOf( entryId ) ) + '}' + entryId
				: regionPrefix + '{' + entryId + '}';
		return key.getBytes( StandardCharsets.UTF_8 );
	}

	/** The authoritative region state, changed only by {@code region.lua}. */
	/** The region state key; shared by every read of the region, so callers must not modify it. */
	public byte[] stateKey() {
		return stateKey;
	}

	/**
	 * The state key to read together with an entry: the state itself on a single Redis, the copy in the
	 * entry's slot on a cluster.
	 */
	public byte[] stateKeyFor(String entryId) {
		return clustered ? stateCopyKey( SlotBuckets.bucketOf( entryId ) ) : stateKey.clone();
	}

	/** The copy of the region state in one bucket (cluster layout only). */
	public byte[] stateCopyKey(int bucket) {
		return ( regionPrefix + "~state:{" + SlotBuckets.tag( bucket ) + '}' ).getBytes( StandardCharsets.UTF_8 );
	}

	/** Every state copy, in bucket order; empty on a single Redis. */
	public List<byte[]> stateCopyKeys() {
		if ( !clustered ) {
			return List.of();
		}
		List<byte[]> keys = new ArrayList<>( SlotBuckets.COUNT );
		for ( int bucket = 0; bucket < SlotBuckets.COUNT; bucket++ ) {
			keys.add( stateCopyKey( bucket ) );
		}
		return keys;
	}
}
