package dev.redisl2.hibernate.resilience;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * The factory's background probe, run every {@code breaker.probe_interval} on its daemon thread:
 * <ol>
 *   <li>nothing to do while the breaker is closed and the backlog empty (the usual case: no Redis call);</li>
 *   <li>breaker open: PING Redis; no answer, try again next time;</li>
 *   <li>an answer: {@code reconnected} (resync the shared clock, relearn the eviction count), then replay
 *       the {@link InvalidationBacklog};</li>
 *   <li>the breaker closes once the backlog is written and Redis has been answering for one more probe
 *       interval (the settle time, replaying again meanwhile);</li>
 *   <li>breaker closed but backlog not empty (a request skipped Redis just before the breaker closed, or Redis
 *       refused a write with an error reply): replay it.</li>
 * </ol>
 */
/*
 * Why the settle time: when Redis itself was away, every node lost it at once and each finds it back on its
 * own probe, up to one interval apart. A node that resumed reading at once could serve an entry another node
 * changed during the outage and has not replayed yet. Waiting one probe interval after the first answer lets
 * every node (with the same interval) PING and replay first; what remains is the time another node's replay
 * takes. For an outage of this node only (a partition), the other nodes read what it could not invalidate for
 * as long as it lasts: that window ends with this node's replay, before its own breaker closes.
 */
public final class Recovery implements Runnable {

	private static final Logger LOG = Logger.getLogger( Recovery.class );

	private final CircuitBreaker breaker;
	private final InvalidationBacklog backlog;
	private final BooleanSupplier ping;
	private final Runnable reconnected;
	private final long settleNanos;
	private final LongSupplier nanoTime;
	private final RateLimitedLog stuck = new RateLimitedLog( LOG, TimeUnit.SECONDS.toNanos( 60 ), System::nanoTime );
	/** When Redis first answered since the breaker opened, or -1; touched by the probe thread only (and close). */
	private long answeringSince = -1;

	/**
	 * @param ping one PING past the breaker: true when Redis answered
	 * @param reconnected what to refresh once Redis answers again, before the replay
	 * @param settleNanos how long Redis must have been answering before the breaker closes (one probe interval)
	 */
	public Recovery(CircuitBreaker breaker, InvalidationBacklog backlog, BooleanSupplier ping, Runnable reconnected,
			long settleNanos, LongSupplier nanoTime) {
		this.breaker = breaker;
		this.backlog = backlog;
		this.ping = ping;
		this.reconnected = reconnected;
		this.settleNanos = settleNanos;
		this.nanoTime = nanoTime;
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

	/** One round of the probe; returns true when the breaker is closed and the replay went through. */
	public synchronized boolean probe() {
		boolean wasOpen = breaker.isOpen();
		if ( !wasOpen && backlog.isEmpty() ) {
			return true;
		}
		if ( wasOpen ) {
			if ( breaker.awaitingAnswer() || answeringSince < 0 ) {
				// open (again): nothing goes to Redis until it answers a PING
				if ( !ping.getAsBoolean() ) {
					answeringSince = -1;
					return false;
				}
				answeringSince = nanoTime.getAsLong();
				reconnected.run();
				breaker.recovering();
			}
		}
		InvalidationBacklog.Replay replay = backlog.replay();
		replayed = replayed == null ? replay : new InvalidationBacklog.Replay( replayed.entries() + replay.entries(),
				replayed.regions() + replay.regions(), replay.complete() );
		if ( !replay.complete() ) {
			stuck.warn( "redisl2: invalidations that could not be delivered to Redis are still waiting ("
					+ replay + "); " + ( wasOpen ? "the second-level cache stays bypassed until they are written"
					: "they are retried every probe interval" ), null );
			return false;
		}
		if ( wasOpen ) {
			if ( nanoTime.getAsLong() - answeringSince < settleNanos ) {
				return false;
			}
			breaker.close( replayed.toString() );
			answeringSince = -1;
		}
		replayed = null;
		return true;
	}

	/** What the replays since the breaker opened did, for the line that says it closed. */
	private InvalidationBacklog.Replay replayed;
}
