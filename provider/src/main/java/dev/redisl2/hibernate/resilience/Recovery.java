package dev.redisl2.hibernate.resilience;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

/**
 * The factory's background probe, run every {@code breaker.probe_interval} on its daemon thread:
 * <ol>
 *   <li>nothing to do while the breaker is closed and the backlog empty (the usual case: no Redis call);</li>
 *   <li>breaker open: PING Redis; no answer, try again next time;</li>
 *   <li>an answer: {@code reconnected} (resync the shared clock, relearn the eviction count, drop dead
 *       pooled connections), then replay the {@link InvalidationBacklog};</li>
 *   <li>only when the whole backlog is written does the breaker close: no node can read an entry this node
 *       changed during the outage once this node serves from the cache again;</li>
 *   <li>breaker closed but backlog not empty (a request skipped Redis just before the breaker closed, or Redis
 *       refused a write with an error reply): replay it.</li>
 * </ol>
 */
public final class Recovery implements Runnable {

	private static final Logger LOG = Logger.getLogger( Recovery.class );

	private final CircuitBreaker breaker;
	private final InvalidationBacklog backlog;
	private final BooleanSupplier ping;
	private final Runnable reconnected;
	private final RateLimitedLog stuck = new RateLimitedLog( LOG, TimeUnit.SECONDS.toNanos( 60 ), System::nanoTime );

	/**
	 * @param ping one PING past the breaker: true when Redis answered
	 * @param reconnected what to refresh once Redis answers again, before the replay
	 */
	public Recovery(CircuitBreaker breaker, InvalidationBacklog backlog, BooleanSupplier ping, Runnable reconnected) {
		this.breaker = breaker;
		this.backlog = backlog;
		this.ping = ping;
		this.reconnected = reconnected;
	}

	@Override
	public void run() {
		try {
			probe();
		}
		catch (RuntimeException e) {
			// a scheduled task that throws is never run again: the breaker would stay open for good
			stuck.warn( "redisl2: the recovery probe failed; it runs again in a moment", e );
		}
	}

	/** One round of the probe; returns true when the breaker is closed and nothing is left to replay. */
	public boolean probe() {
		boolean wasOpen = breaker.isOpen();
		if ( !wasOpen && backlog.isEmpty() ) {
			return true;
		}
		if ( wasOpen ) {
			if ( !ping.getAsBoolean() ) {
				return false;
			}
			reconnected.run();
		}
		InvalidationBacklog.Replay replay = backlog.replay();
		if ( !replay.complete() ) {
			stuck.warn( "redisl2: invalidations that could not be delivered to Redis are still waiting ("
					+ replay + "); " + ( wasOpen ? "the second-level cache stays bypassed until they are written"
					: "they are retried every probe interval" ), null );
			return false;
		}
		if ( wasOpen ) {
			breaker.close( replay.toString() );
		}
		return true;
	}
}
