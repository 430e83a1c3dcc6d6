package dev.redisl2.hibernate.redis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.util.JedisClusterCRC16;

class SlotBucketsTest {

	@Test
	void everyBucketHasATagInItsOwnRangeOfSlots() {
		Set<Integer> slots = new HashSet<>();
		for ( int bucket = 0; bucket < SlotBuckets.COUNT; bucket++ ) {
			String tag = SlotBuckets.tag( bucket );
			assertTrue( tag.matches( "[0-9a-z]{1,3}" ), tag );
			int slot = JedisClusterCRC16.getSlot( "{" + tag + "}anything" );
			assertEquals( bucket, slot / 16, "tag " + tag );
			assertEquals( slot, SlotBuckets.slotOf( bucket ) );
			slots.add( slot );
		}
		assertEquals( SlotBuckets.COUNT, slots.size() );
	}

	/** The tags are part of the stored format: a change here moves every key of a clustered cache. */
	@Test
	void tagsAreStable() {
		assertEquals( "ru", SlotBuckets.tag( 0 ) );
		assertEquals( "04b", SlotBuckets.tag( 1 ) );
		assertEquals( "wu", SlotBuckets.tag( 1023 ) );
	}

	@Test
	void anEntryFallsIntoTheBucketOfItsOwnSlot() {
		for ( String id : new String[] { "Book#1", "Author.books#7", "acme/Note#3", "q:abc" } ) {
			assertEquals( JedisClusterCRC16.getSlot( id ) / 16, SlotBuckets.bucketOf( id ), id );
		}
	}

	@Test
	void sequentialIdsSpreadOverAllBuckets() {
		int[] perBucket = new int[SlotBuckets.COUNT];
		for ( int i = 0; i < 102_400; i++ ) {
			perBucket[SlotBuckets.bucketOf( "Book#" + i )]++;
		}
		for ( int count : perBucket ) {
			assertTrue( count > 50 && count < 150, "a bucket holds " + count + " of 102400 (100 expected)" );
		}
	}
}
