package dev.redisl2.it.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Counter;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

/**
 * A fresh Redis (a fresh key prefix: no region state exists) and fresh SessionFactories: what the very first
 * session reads is cached, and a second session on the other node finds all of it in L2. Before region
 * states were created at startup, the first load created the state "invalidated now", which refused every
 * load of the transaction that was already running.
 */
class ColdStartCachesFirstSessionTest extends TwoNodeTestBase {

	private static final int ROWS = 40;

	@Override
	protected void afterNodesOpened() {
		// rows written past Hibernate: nothing about them reaches the cache before the first session
		List<String> inserts = new ArrayList<>();
		for ( long id = 1; id <= ROWS; id++ ) {
			inserts.add( "insert into Counter (id, counter_value) values (" + id + ", " + ( id * 10 ) + ")" );
		}
		nodes.jdbc( inserts.toArray( String[]::new ) );
	}

	@Test
	void firstSessionReadingRowsOneByOneCachesThemAll() {
		StatsProbe first = StatsProbe.of( a );
		inTx( a, em -> {
			for ( long id = 1; id <= ROWS; id++ ) {
				assertNotNull( em.find( Counter.class, id ) );
			}
		} );
		assertEquals( ROWS, first.l2Puts(), "the first session caches every row it reads: " + first );
		assertAllHitsOn( b );
	}

	@Test
	void multiLoadInTheFirstTransactionCachesEveryRow() {
		List<Long> ids = new ArrayList<>();
		for ( long id = 1; id <= ROWS; id++ ) {
			ids.add( id );
		}
		StatsProbe first = StatsProbe.of( a );
		List<Counter> loaded = fromTx( a, em -> em.unwrap( Session.class ).findMultiple( Counter.class, ids ) );
		assertEquals( ROWS, loaded.size() );
		assertEquals( ROWS, first.l2Puts(), "a multi-load in the first transaction caches every row: " + first );
		assertAllHitsOn( b );
	}

	/** The figure for the docs: what a cold start costs, by command, on node A (all regions of the unit). */
	@Test
	void coldStartReadsEveryRegionStateInOnePipeline() {
		Map<String, Long> startup = store( a ).roundTripsByCommand();
		long states = nodes.keys().stream().filter( key -> key.endsWith( "~state" ) ).count();
		long copies = nodes.keys().stream().filter( key -> key.contains( "~state:" ) ).count();
		System.out.println( "[cold start] " + getClass().getSimpleName() + ": " + states + " region states and " + copies
				+ " state copies written at startup; round trips by command: " + startup );
		assertTrue( states >= 2, "every region's state exists before any session: " + states );
		assertEquals( 1L, startup.getOrDefault( "REGION STATES", 0L ), "one pipelined round trip for all region states: " + startup );
		// on a cluster the new states' per-bucket copies follow in one more pipeline; never one per region
		assertTrue( startup.getOrDefault( "STATE COPIES", 0L ) <= 1L, startup.toString() );
		assertEquals( null, startup.get( "region.lua" ), "no region state is created one by one: " + startup );
		StatsProbe p = StatsProbe.of( a );
		fromTx( a, em -> em.find( Counter.class, 1L ) );
		assertEquals( 1, p.l2Puts(), p.toString() );
		assertEquals( null, store( a ).roundTripsByCommand().get( "region.lua" ), "the first load found the state ready" );
	}

	private static void assertAllHitsOn(EntityManagerFactory node) {
		StatsProbe second = StatsProbe.of( node );
		inTx( node, em -> {
			for ( long id = 1; id <= ROWS; id++ ) {
				assertEquals( id * 10, em.find( Counter.class, id ).getValue() );
			}
		} );
		assertEquals( ROWS, second.l2Hits(), "the second session finds every row in L2: " + second );
		assertEquals( 0, second.sql(), "the second session runs no SQL: " + second );
		assertTrue( second.l2Misses() == 0, second.toString() );
	}

	private static RedisRegionFactory factory(EntityManagerFactory emf) {
		return (RedisRegionFactory) emf.unwrap( SessionFactoryImplementor.class ).getCache().getRegionFactory();
	}

	private static dev.redisl2.hibernate.redis.RedisStore store(EntityManagerFactory emf) {
		return factory( emf ).store();
	}
}
