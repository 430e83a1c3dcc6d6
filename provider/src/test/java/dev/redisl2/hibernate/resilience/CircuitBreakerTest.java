package dev.redisl2.hibernate.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.exceptions.JedisConnectionException;

class CircuitBreakerTest {

	private final AtomicLong nanos = new AtomicLong();
	private final CircuitBreaker breaker = new CircuitBreaker( 3, "redis://test:1", nanos::get );
	private final JedisConnectionException refused = new JedisConnectionException( "Connection refused" );

	@Test
	void fastFailuresOpenItAtTheThreshold_aSuccessResetsTheCount() {
		breaker.failed( CircuitBreaker.Failure.FAST, refused );
		breaker.failed( CircuitBreaker.Failure.FAST, refused );
		breaker.succeeded();
		breaker.failed( CircuitBreaker.Failure.FAST, refused );
		breaker.failed( CircuitBreaker.Failure.FAST, refused );
		assertTrue( breaker.allows(), "two in a row after a success" );
		breaker.failed( CircuitBreaker.Failure.FAST, refused );
		assertFalse( breaker.allows() );
		assertEquals( 1, breaker.openings() );
		assertEquals( 1, breaker.skipped() );
	}

	@Test
	void aTimeoutOpensItAtOnce() {
		breaker.failed( CircuitBreaker.Failure.SLOW, refused );
		assertTrue( breaker.isOpen() );
		assertFalse( breaker.allowsInvalidation(), "open: not even invalidations go" );
	}

	@Test
	void recoveringLetsInvalidationsThroughButNotReads_aFailureReopensWithoutASecondOpening() {
		breaker.failed( CircuitBreaker.Failure.SLOW, refused );
		breaker.recovering();
		assertTrue( breaker.allowsInvalidation() );
		assertFalse( breaker.allows() );
		assertFalse( breaker.awaitingAnswer() );
		breaker.failed( CircuitBreaker.Failure.SLOW, refused );
		assertTrue( breaker.awaitingAnswer() );
		assertEquals( 1, breaker.openings(), "one outage, one WARN" );
		breaker.recovering();
		breaker.close( "test" );
		assertTrue( breaker.allows() );
		assertFalse( breaker.isOpen() );
	}
}
