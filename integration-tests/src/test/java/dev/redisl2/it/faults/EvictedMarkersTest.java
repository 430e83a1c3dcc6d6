package dev.redisl2.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.CacheMode;
import org.hibernate.Session;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.entry.CacheEntry;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis evicts a lock, tombstone or update timestamp under maxmemory: the marker that kept a stale load
 * or a stale query result out is gone. These tests make that happen deterministically (a load that read
 * the row before a delete puts after the delete's released lock was evicted; a table's timestamp is
 * evicted after an update) and check that the stale value is still never served.
 */
class EvictedMarkersTest extends TwoNodeTestBase {

	@AfterEach
	void noMaxmemory() {
		redis.command( "CONFIG", "SET", "maxmemory", "0" );
	}

	@Test
	void aLoadThatReadTheRowBeforeADeleteCannotCacheItAfterTheTombstoneWasEvicted() {
		inTx( a, em -> em.persist( new Counter( 1L, 10 ) ) );
		fromTx( b, em -> em.find( Counter.class, 1L ) );

		SessionFactoryImplementor factory = a.unwrap( SessionFactoryImplementor.class );
		EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor( Counter.class );
		EntityDataAccess access = persister.getCacheAccessStrategy();
		try ( Session slowLoad = factory.openSession() ) {
			// the slow load: its transaction begins and it reads the row from the database, before the delete
			slowLoad.beginTransaction();
			slowLoad.setCacheMode( CacheMode.IGNORE );
			Counter row = slowLoad.find( Counter.class, 1L );
			Object[] state = persister.getValues( row );
			CacheEntry entry = persister.buildCacheEntry( row, state, null, (SharedSessionContractImplementor) slowLoad );
			Object cached = persister.getCacheEntryStructure().structure( entry );
			Object key = access.generateCacheKey( 1L, persister, factory, null );

			inTx( b, em -> em.remove( em.find( Counter.class, 1L ) ) );
			assertTrue( raw( "Counter#1" ).startsWith( "L " ), "the delete leaves a released lock: " + raw( "Counter#1" ) );
			evictEveryKeyWithATtl();
			assertNull( raw( "Counter#1" ), "the released lock was evicted" );

			// the slow load now puts what it read: refused, since Redis evicted keys after the load began
			boolean put = access.putFromLoad( (SharedSessionContractImplementor) slowLoad, key, cached, null );
			slowLoad.getTransaction().commit();
			assertFalse( put, "a load that began before an eviction filled an absent key" );
		}
		assertNull( fromTx( a, em -> em.find( Counter.class, 1L ) ), "node A serves a deleted row" );
		assertNull( fromTx( b, em -> em.find( Counter.class, 1L ) ), "node B serves a deleted row" );

		// and loads that begin after the node learnt of the evictions are cached as usual
		inTx( a, em -> em.persist( new Counter( 2L, 20 ) ) );
		redis.command( "DEL", nodes.prefix() + ":" + Counter.class.getName() + ":{Counter#2}" );
		fromTx( a, em -> em.find( Counter.class, 2L ) );
		assertTrue( raw( "Counter#2" ).startsWith( "V " ), "a fresh load is cached again: " + raw( "Counter#2" ) );
	}

	@Test
	void aQueryResultIsNotServedAfterItsTablesTimestampWasEvicted() {
		inTx( a, em -> em.persist( new Book( "ev-1", "before", new BigDecimal( "1.00" ), LocalDate.of( 2000, 1, 1 ), Genre.FICTION, null ) ) );
		assertEquals( List.of( "before" ), titles( a ) );
		assertEquals( List.of( "before" ), titles( b ) );

		// the update's invalidation lands in the Book timestamp, which Redis then evicts (the cached result survives)
		inTx( b, em -> em.createQuery( "select b from Book b where b.isbn = 'ev-1'", Book.class ).getSingleResult().setTitle( "after" ) );
		evictOneUnrelatedKey();
		redis.command( "DEL", nodes.prefix() + ":default-update-timestamps-region:{Book}" );

		assertEquals( List.of( "after" ), titles( a ), "node A served a query result older than its table's last change" );
		assertEquals( List.of( "after" ), titles( b ) );
	}

	private List<String> titles(EntityManagerFactory node) {
		return fromTx( node, em -> em.createQuery( "select b.title from Book b where b.isbn like 'ev-%'", String.class )
				.setHint( "org.hibernate.cacheable", true )
				.getResultList() );
	}

	/** What Redis holds for an entity entry, header line only; null when absent. */
	private String raw(String entryId) {
		byte[] value = nodes.rawValue( nodes.prefix() + ":" + Counter.class.getName() + ":{" + entryId + "}" );
		return value == null ? null : new String( value, java.nio.charset.StandardCharsets.UTF_8 ).split( "\n" )[0];
	}

	/** Lets Redis evict, under volatile-lru, every key that has a TTL: entries, locks, tombstones, timestamps. */
	private void evictEveryKeyWithATtl() {
		redis.command( "CONFIG", "SET", "maxmemory-policy", "volatile-lru" );
		redis.command( "CONFIG", "SET", "maxmemory", "1" );
		try {
			redis.command( "SET", "trigger-eviction", "x" );
		}
		catch (RuntimeException expectedOom) {
			// evictions ran first; the write itself is refused for lack of memory
		}
		redis.command( "CONFIG", "SET", "maxmemory", "0" );
	}

	/**
	 * Makes Redis evict exactly one key of its own choosing that is not ours: a large decoy with the shortest TTL,
	 * under volatile-ttl, with a limit just under the memory in use.
	 */
	private void evictOneUnrelatedKey() {
		redis.command( "CONFIG", "SET", "maxmemory-policy", "volatile-ttl" );
		redis.command( "SET", "decoy", "x".repeat( 1 << 20 ), "PX", "5000" );
		long used = Long.parseLong( info( "used_memory" ) );
		long before = Long.parseLong( info( "evicted_keys" ) );
		redis.command( "CONFIG", "SET", "maxmemory", Long.toString( used - ( 256 << 10 ) ) );
		redis.command( "PING" );
		redis.command( "CONFIG", "SET", "maxmemory", "0" );
		assertEquals( "0", redis.command( "EXISTS", "decoy" ) );
		assertEquals( before + 1, Long.parseLong( info( "evicted_keys" ) ), "exactly the decoy was evicted" );
	}

	private String info(String field) {
		for ( String line : redis.command( "INFO", "all" ).split( "\\R" ) ) {
			if ( line.startsWith( field + ":" ) ) {
				return line.substring( field.length() + 1 ).trim();
			}
		}
		throw new IllegalStateException( field );
	}
}
