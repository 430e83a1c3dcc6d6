package dev.redisl2.hibernate.redis;

import java.nio.charset.StandardCharsets;

import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis Cluster hash tags of the cluster key layout. An entry id falls into one of {@value #COUNT}
 * buckets by its own CRC16 slot (slot / 16), and every bucket has one short hash tag whose slot lies in
 * that bucket's range of 16 slots. Entry keys and the region-state copy of a bucket carry the same tag,
 * so an entry and the state it is checked against are always in one slot (one {@code MGET}, no
 * CROSSSLOT), while a region's entries spread over 1,024 slots evenly placed across all 16,384.
 *
 * <p>The tags are found by a fixed search (strings {@code 0..9a..z} of length 1, 2, 3 in order; the
 * first one to land in a bucket is its tag). They are part of the stored format: changing the search
 * or {@link #COUNT} moves every key of a clustered cache, like a change of key prefix.
 */
public final class SlotBuckets {

	/** Buckets per region; each costs one small state-copy key per region. */
	public static final int COUNT = 1024;

	private static final int SLOTS = 16384;
	private static final int SLOTS_PER_BUCKET = SLOTS / COUNT;
	private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
	private static final String[] TAGS = searchTags();

	private SlotBuckets() {
	}

	/** The bucket of an entry id: its own hash slot, scaled down to {@value #COUNT} buckets. */
	public static int bucketOf(String entryId) {
		int slot = JedisClusterCRC16.getCRC16( entryId.getBytes( StandardCharsets.UTF_8 ) ) & ( SLOTS - 1 );
		return slot / SLOTS_PER_BUCKET;
	}

	/** The hash tag (without braces) that puts a key into the bucket's slot. */
	public static String tag(int bucket) {
		return TAGS[bucket];
	}

	/** The slot every key tagged for this bucket lives in. */
	public static int slotOf(int bucket) {
		return JedisClusterCRC16.getSlot( TAGS[bucket] );
	}

	private static String[] searchTags() {
		String[] tags = new String[COUNT];
		int found = 0;
		for ( int length = 1; length <= 3 && found < COUNT; length++ ) {
			int combinations = (int) Math.pow( ALPHABET.length(), length );
			for ( int n = 0; n < combinations && found < COUNT; n++ ) {
				String candidate = candidate( n, length );
				int bucket = JedisClusterCRC16.getSlot( candidate ) / SLOTS_PER_BUCKET;
				if ( tags[bucket] == null ) {
					tags[bucket] = candidate;
					found++;
				}
			}
		}
		if ( found < COUNT ) {
			throw new IllegalStateException( "no hash tag found for some of the " + COUNT + " buckets" );
		}
		return tags;
	}

	private static String candidate(int n, int length) {
		char[] text = new char[length];
		for ( int i = length - 1; i >= 0; i-- ) {
			text[i] = ALPHABET.charAt( n % ALPHABET.length() );
			n /= ALPHABET.length();
		}
		return new String( text );
	}
}
