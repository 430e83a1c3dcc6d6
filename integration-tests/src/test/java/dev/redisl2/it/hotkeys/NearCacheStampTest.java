package dev.redisl2.it.hotkeys;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.near.InvalidationChannel;
import dev.redisl2.hibernate.near.NearCache;
import dev.redisl2.hibernate.near.Primaries;
import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * The near cache of one region against a real invalidation channel, for two findings of issue 12: an early-refresh
 * marker must not empty the region (hole 10), and a value read before an invalidation arrived must not be stored
 * after it, even when the caller took its stamp after the read (hole 7, the read-ahead order).
 */
@ExtendWith(PrivateRedisExtension.class)
class NearCacheStampTest {

	private static final String OLD = "V 3 1795521600000000 - 8c41f0a2d9\n\"OLD\"";
	private static final String NEW = "V 3 1795521600100000 - 8c41f0a2d9\n\"NEW\"";

	private final KeyLayout layout = new KeyLayout( "stamp", "Book" );
	private Jedis writer;
	private Jedis reader;
	private Jedis beats;
	private ScheduledExecutorService beat;
	private NearCache near;

	@BeforeEach
	void open(RedisServerProcess redis) throws Exception {
		HostAndPort address = new HostAndPort( RedisServerProcess.HOST, redis.port() );
		writer = new Jedis( address );
		reader = new Jedis( address );
		beats = new Jedis( address );
		writer.flushAll();
		Primaries primaries = new Primaries() {
			@Override
			public List<Primary> current() {
				return List.of( new Primary( address, null ) );
			}

			@Override
			public Connection connect(Primary primary) {
				return new Connection( primary.address() );
			}
		};
		InvalidationChannel channel = new InvalidationChannel( primaries, "stamp:~near:reader:",
				key -> {
					synchronized ( beats ) {
						beats.set( key, "1".getBytes(), SetParams.setParams().px( 2000 ) );
					}
				},
				Duration.ofMillis( 100 ) );
		near = channel.register( layout.regionPrefix(), false, 1000, Duration.ofSeconds( 30 ) );
		beat = Executors.newSingleThreadScheduledExecutor();
		beat.scheduleAtFixedRate( channel::beat, 0, 100, TimeUnit.MILLISECONDS );
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos( 5 );
		while ( !channel.healthy() && System.nanoTime() < until ) {
			Thread.sleep( 20 );
		}
		assertTrue( channel.healthy(), "the invalidation channel never became healthy" );
	}

	@AfterEach
	void close() {
		beat.shutdownNow();
		writer.close();
		reader.close();
		beats.close();
	}

	@Test
	void anEntrysEarlyRefreshMarkerLeavesTheRegionsNearCacheAlone() throws Exception {
		cache( "Book#1" );
		cache( "Book#3" );
		writer.set( layout.refreshMarkerKey( "Book#77" ), "owner".getBytes(), SetParams.setParams().nx().px( 100 ) );
		Thread.sleep( 300 ); // the marker is set and has expired: both would have been messages by now
		assertNotNull( near.get( "Book#1" ), "the refresh marker of another entry emptied the near cache" );
		assertNotNull( near.get( "Book#3" ), "the refresh marker of another entry emptied the near cache" );
	}

	@Test
	void aMarkerWhereOlderNodesPutItLeavesTheRegionsNearCacheAlone() throws Exception {
		cache( "Book#1" );
		writer.set( ( layout.regionPrefix() + "~refresh:{Book#77}" ).getBytes( StandardCharsets.UTF_8 ), "owner".getBytes(),
				SetParams.setParams().nx().px( 100 ) );
		Thread.sleep( 300 );
		assertNotNull( near.get( "Book#1" ), "a rolling upgrade's old-layout refresh marker emptied the near cache" );
	}

	@Test
	void aValueReadBeforeItsInvalidationIsNotStoredEvenWithALateStamp() throws Exception {
		byte[] key = layout.entryKey( "Book#1" );
		writer.set( key, OLD.getBytes( StandardCharsets.UTF_8 ) );
		Thread.sleep( 60 );
		byte[] readAhead = reader.get( key );        // the MGET of a read-ahead
		writer.set( key, NEW.getBytes( StandardCharsets.UTF_8 ) ); // another node's afterUpdate
		Thread.sleep( 20 );                          // its message has arrived; the read-ahead is still "fresh"
		near.offer( "Book#1", StoredEntry.parse( readAhead ), "OLD", near.stamp() );
		assertNull( near.get( "Book#1" ), "a value read before its invalidation arrived was stored in the near cache" );
	}

	@Test
	void aValueReadBeforeItsInvalidationIsNotStoredWithTheStampFromBeforeTheRead() throws Exception {
		byte[] key = layout.entryKey( "Book#1" );
		writer.set( key, OLD.getBytes( StandardCharsets.UTF_8 ) );
		Thread.sleep( 60 );
		long stampBeforeRead = near.stamp();
		byte[] readAhead = reader.get( key );
		writer.set( key, NEW.getBytes( StandardCharsets.UTF_8 ) );
		Thread.sleep( 60 );                          // past the recently-invalidated window: only the stamp decides
		near.offer( "Book#1", StoredEntry.parse( readAhead ), "OLD", stampBeforeRead );
		assertNull( near.get( "Book#1" ), "a value read before its invalidation arrived was stored in the near cache" );
	}

	private void cache(String id) throws InterruptedException {
		byte[] key = layout.entryKey( id );
		writer.set( key, OLD.getBytes( StandardCharsets.UTF_8 ) );
		Thread.sleep( 60 ); // the write's own invalidation has arrived and is older than the recently-invalidated window
		long stamp = near.stamp();
		near.offer( id, StoredEntry.parse( reader.get( key ) ), "OLD", stamp );
		assertNotNull( near.get( id ), "scenario did not run as written: " + id + " was not cached" );
	}
}
