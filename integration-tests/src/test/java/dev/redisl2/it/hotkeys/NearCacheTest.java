package dev.redisl2.it.hotkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.redisl2.sample.Book;
import dev.redisl2.support.Await;

import org.junit.jupiter.api.Test;

/**
 * {@link NearCacheCases} on one private redis-server, plus what only a single server lets a test do to
 * Redis: FLUSHALL, SIGSTOP, a restart. Each must take the near cache out of service.
 */
class NearCacheTest extends NearCacheCases {

	@Test
	void flushAll_emptiesTheNearCache() {
		long id = newBook( "v1" );
		warm( a, id );
		redis.command( "FLUSHALL" );
		awaitDatabaseLoad( id, BOUND, "node A loads the entry from the database after FLUSHALL" );
	}

	@Test
	void whenRedisGoesSilent_theNearCacheIsEmptiedAndBypassed_andStartsEmptyWhenItIsBack() {
		long id = newBook( "v1" );
		warm( a, id );
		var channel = Nodes.factory( a ).nearChannel();
		redis.pause(); // SIGSTOP: the connection stays open, nothing arrives
		try {
			Await.until( BOUND.plusMillis( 200 ), () -> !channel.healthy(), "the channel is declared unhealthy" );
			long before = Nodes.entityLoads( a );
			assertEquals( "v1", titleOn( a, id ) );
			assertTrue( Nodes.entityLoads( a ) > before, "with Redis silent, the read went to the database, not the near cache" );
		}
		finally {
			redis.resume();
		}
		Await.until( Duration.ofSeconds( 10 ), channel::healthy, "the channel is healthy again" );
		// a change made while the node could not hear about it must not be served from before
		inTx( b, em -> em.find( Book.class, id ).setTitle( "v2" ) );
		Await.until( BOUND, () -> "v2".equals( titleOn( a, id ) ), "node A serves the update" );
	}

	@Test
	void aRedisRestart_emptiesTheNearCache() {
		long id = newBook( "v1" );
		warm( a, id );
		var channel = Nodes.factory( a ).nearChannel();
		redis.restart();
		awaitDatabaseLoad( id, Duration.ofSeconds( 10 ), "node A reloads the entry after the restart" );
		Await.until( Duration.ofSeconds( 10 ), channel::healthy, "the channel is healthy again" );
	}
}
