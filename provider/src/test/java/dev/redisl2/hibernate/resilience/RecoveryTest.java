package dev.redisl2.hibernate.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.exceptions.JedisConnectionException;

class RecoveryTest {

	private final AtomicLong nanos = new AtomicLong( 1_000 );
	private final CircuitBreaker breaker = new CircuitBreaker( 1, "redis://test:1", nanos::get );
	private final InvalidationBacklog backlog = new InvalidationBacklog( 100 );
	private final AtomicBoolean redisAnswers = new AtomicBoolean();
	private final AtomicInteger pings = new AtomicInteger();
	private final AtomicInteger reconnects = new AtomicInteger();
	private final Recovery recovery = new Recovery( breaker, backlog, () -> {
		pings.incrementAndGet();
		return redisAnswers.get();
	}, reconnects::incrementAndGet, 500, nanos::get );

	@Test
	void nothingToDoWhileClosedWithAnEmptyBacklog() {
		assertTrue( recovery.probe() );
		assertEquals( 0, pings.get() );
	}

	@Test
	void closesOnlyAfterTheReplayAndTheSettleTime() {
		InvalidationBacklogTest.FakeTarget books = new InvalidationBacklogTest.FakeTarget( "books", true );
		breaker.failed( CircuitBreaker.Failure.FAST, new JedisConnectionException( "refused" ) );
		backlog.entry( books, "k1".getBytes( StandardCharsets.ISO_8859_1 ) );

		assertFalse( recovery.probe(), "Redis does not answer yet" );
		assertFalse( breaker.allowsInvalidation() );

		redisAnswers.set( true );
		assertFalse( recovery.probe(), "answered, replayed, but not settled" );
		assertEquals( 1, reconnects.get() );
		assertTrue( backlog.isEmpty() );
		assertTrue( breaker.allowsInvalidation(), "recovering: invalidations go again" );
		assertFalse( breaker.allows(), "reads still wait" );

		nanos.addAndGet( 500 );
		assertTrue( recovery.probe() );
		assertTrue( breaker.allows() );
		assertEquals( 2, pings.get(), "the unanswered PING and the answered one; none while recovering" );
		assertEquals( 1, reconnects.get() );
	}

	@Test
	void aFailureWhileRecoveringStartsTheSettleTimeAgain() {
		breaker.failed( CircuitBreaker.Failure.FAST, new JedisConnectionException( "refused" ) );
		redisAnswers.set( true );
		recovery.probe();
		breaker.failed( CircuitBreaker.Failure.SLOW, new JedisConnectionException( "timed out" ) );
		nanos.addAndGet( 500 );
		assertFalse( recovery.probe(), "answered again just now" );
		assertEquals( 2, pings.get() );
		nanos.addAndGet( 500 );
		assertTrue( recovery.probe() );
	}

	@Test
	void aBacklogThatCannotBeWrittenKeepsTheBreakerOpen() {
		InvalidationBacklogTest.FakeTarget books = new InvalidationBacklogTest.FakeTarget( "books", true );
		books.down = true;
		breaker.failed( CircuitBreaker.Failure.FAST, new JedisConnectionException( "refused" ) );
		backlog.entry( books, "k1".getBytes( StandardCharsets.ISO_8859_1 ) );
		redisAnswers.set( true );
		nanos.addAndGet( 10_000 );
		assertFalse( recovery.probe() );
		nanos.addAndGet( 10_000 );
		assertFalse( recovery.probe() );
		assertTrue( breaker.isOpen() );
		books.down = false;
		assertTrue( recovery.probe() );
	}
}
