package dev.redisl2.hibernate.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * One per RegionFactory: decides whether a cache call may go to Redis at all. Closed, every call goes;
 * after {@code failure_threshold} consecutive failures, or one call that timed out, it opens and every
 * call skips Redis at once. When the {@link Recovery} probe gets an answer again the breaker is
 * <em>recovering</em>: invalidations go to Redis again (they protect the other nodes), reads and puts still
 * skip it. Only the probe closes it, after the invalidations this node could not deliver have been
 * replayed and a settle time has passed; a failure while recovering opens it again.
 *
 * <p>Logging: one WARN when it opens, one INFO when it closes; the failures in between are counted,
 * not logged.
 */
/*
 * Why a timeout opens the breaker at once: fast failures (connection refused, reset) cost a request
 * nothing, and a few of them are normal after a restart (dead pooled connections fail once each), so
 * they are counted. A timeout is the failure that costs time - every request waiting socket_timeout_ms
 * on a Redis that hangs - and it is never part of normal operation, so waiting for more of them would
 * only make more requests wait.
 *
 * There is no half-open state letting application calls through to test Redis: the probe does that on
 * its own thread, so no request ever pays for finding out that Redis is still down.
 */
public final class CircuitBreaker {

	private static final Logger LOG = Logger.getLogger( CircuitBreaker.class );

	/** What a failed call says about Redis. */
	public enum Failure {
		/** Refused, reset, closed: cheap for the caller, counted toward the threshold. */
		FAST,
		/** Timed out, or no pooled connection came free in time: opens the breaker at once. */
		SLOW
	}

	private final int threshold;
	private final String target;
	private final LongSupplier nanoTime;
	private enum State { CLOSED, OPEN, RECOVERING }

	private final AtomicInteger consecutive = new AtomicInteger();
	private final AtomicReference<State> state = new AtomicReference<>( State.CLOSED );
	private final LongAdder skipped = new LongAdder();
	private final LongAdder openings = new LongAdder();
	private volatile long openedAtNanos;

	/**
	 * @param threshold consecutive fast failures that open the breaker
	 * @param target where Redis is, for log lines (never with credentials)
	 */
	public CircuitBreaker(int threshold, String target, LongSupplier nanoTime) {
		this.threshold = threshold;
		this.target = target;
		this.nanoTime = nanoTime;
	}

	/** Whether a read or a put may go to Redis now; counts the calls it turns away. */
	public boolean allows() {
		if ( state.get() != State.CLOSED ) {
			skipped.increment();
			return false;
		}
		return true;
	}

	/** Whether an invalidation may go to Redis now (closed, or recovering); counts the calls it turns away. */
	public boolean allowsInvalidation() {
		if ( state.get() == State.OPEN ) {
			skipped.increment();
			return false;
		}
		return true;
	}

	/** Open or recovering: reads and puts skip Redis. */
	public boolean isOpen() {
		return state.get() != State.CLOSED;
	}

	public void succeeded() {
		// hot path: no write unless there is something to reset
		if ( consecutive.get() != 0 ) {
			consecutive.set( 0 );
		}
	}

	public void failed(Failure kind, Throwable cause) {
		int failures = consecutive.incrementAndGet();
		if ( kind == Failure.SLOW || failures >= threshold ) {
			open( describe( kind, failures, cause ) );
		}
	}

	/** Opens the breaker at startup, when Redis did not answer the first calls. */
	public void openAtStartup(String reason) {
		open( reason );
	}

	private void open(String reason) {
		if ( state.compareAndSet( State.RECOVERING, State.OPEN ) ) {
			// the same outage, not over yet: the WARN was logged when it began
			LOG.debugf( "Redis at %s failed again while recovering: %s", target, reason );
			return;
		}
		if ( state.compareAndSet( State.CLOSED, State.OPEN ) ) {
			openedAtNanos = nanoTime.getAsLong();
			openings.increment();
			LOG.warnf( "redisl2: Redis at %s is not usable (%s); the second-level cache is bypassed until it answers "
					+ "again: reads miss, puts are dropped, invalidations are remembered and replayed on reconnect",
					target, reason );
		}
	}

	/**
	 * Closes the breaker; called by {@link Recovery} only.
	 *
	 * @param summary what recovery did, for the log line
	 */
	/** Redis answered the probe: invalidations may go again; called by {@link Recovery} only. */
	void recovering() {
		consecutive.set( 0 );
		state.compareAndSet( State.OPEN, State.RECOVERING );
	}

	/** Whether the probe should PING: open, not yet recovering. */
	boolean awaitingAnswer() {
		return state.get() == State.OPEN;
	}

	void close(String summary) {
		State previous = state.getAndSet( State.CLOSED );
		if ( previous != State.CLOSED ) {
			consecutive.set( 0 );
			long millis = ( nanoTime.getAsLong() - openedAtNanos ) / 1_000_000L;
			LOG.infof( "redisl2: Redis at %s answers again after %d.%d s (%s); the second-level cache is back in use",
					target, millis / 1000, ( millis % 1000 ) / 100, summary );
		}
	}

	/** Cache calls that skipped Redis because the breaker was open. */
	public long skipped() {
		return skipped.sum();
	}

	/** CLOSED (Redis used), OPEN (bypassed) or RECOVERING (the probe got an answer, invalidations replay first). */
	public String state() {
		return state.get().name();
	}

	/** Nanos (on the breaker's clock) since it last opened, or -1 while it is closed. */
	public long openForNanos() {
		return state.get() == State.CLOSED ? -1 : nanoTime.getAsLong() - openedAtNanos;
	}

	/** How many times the breaker opened since startup. */
	public long openings() {
		return openings.sum();
	}

	private String describe(Failure kind, int failures, Throwable cause) {
		String what = kind == Failure.SLOW ? "a call timed out" : failures + " calls in a row failed";
		return cause == null ? what : what + ": " + Failures.describe( cause );
	}
}
