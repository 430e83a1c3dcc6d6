package dev.redisl2.hibernate.topology;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.redisl2.hibernate.compat.JedisClients;
import dev.redisl2.hibernate.config.Topology;
import dev.redisl2.hibernate.region.CacheContext;
import dev.redisl2.hibernate.region.RegionStorage;

import org.jboss.logging.Logger;


/**
 * Fences off writes lost in a failover. Replication is asynchronous: a primary acknowledges a write
 * (a soft lock, a tombstone, an eviction, a query-space invalidation) before its replica has it. If the
 * primary dies then, the promoted replica never saw the write, and the entry it should have invalidated
 * is current again: a stale entry. The invalidations that failed outright while the primary was down
 * end the same way.
 *
 * <p>So every {@code failover_check_interval} this node asks Redis whether a replica replaced a primary
 * ({@link ClusterPromotions}, {@link ReplicationIdChanges}). When one did, every region of this factory
 * starts a new generation: nothing written before the fence is served again, by any node, and loads that
 * began before it are not cached. The cost is a cold cache once per failover. The guarantee: after a
 * primary is replaced, entries whose invalidation was lost can be served until the first check that
 * sees the new primary, at most one interval later, never afterwards.
 *
 * <p>The same tick republishes region states that did not reach every Redis Cluster master.
 *
 * <p>Not a fence: WAIT on every invalidating write. It would need the write and the WAIT on one
 * connection (a pipeline, which does not follow cluster redirections), add a replication round trip to
 * each write, block for its timeout whenever a replica is down, and still miss the invalidations that
 * failed while the primary was unreachable.
 */
public final class FailoverFence {

	private static final Logger LOG = Logger.getLogger( FailoverFence.class );

	private final CacheContext context;
	private final PrimaryChanges changes;
	private final long intervalMillis;
	private final AtomicLong fences = new AtomicLong();
	private final Set<RegionStorage> unfenced = ConcurrentHashMap.newKeySet();

	private FailoverFence(CacheContext context, PrimaryChanges changes, long intervalMillis) {
		this.context = context;
		this.changes = changes;
		this.intervalMillis = intervalMillis;
	}

	/** The fence for a replicated deployment (Cluster or Sentinel); none for a single Redis. */
	public static Optional<FailoverFence> of(CacheContext context) {
		Topology topology = context.settings().topology();
		long interval = topology.failoverCheckInterval().toMillis();
		if ( context.clustered() ) {
			return Optional.of( new FailoverFence( context, new ClusterPromotions( context.store() ), interval ) );
		}
		if ( topology.kind() == Topology.Kind.SENTINEL || JedisClients.isSentinel( context.settings().externalClient() ) ) {
			return Optional.of( new FailoverFence( context, new ReplicationIdChanges( context.store() ), interval ) );
		}
		return Optional.empty();
	}

	/** Checks now (to record the current primaries), then every interval on the given executor. */
	public void schedule(ScheduledExecutorService executor) {
		executor.execute( this::check );
		executor.scheduleWithFixedDelay( this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS );
	}

	/** One check; never throws (it runs on a scheduler that would stop on an exception). */
	void check() {
		try {
			String change = changes.check();
			if ( change != null ) {
				LOG.warnf( "redisl2: Redis failover detected (%s): every region starts a new generation, so that writes "
						+ "the old primary lost cannot resurface as stale entries", change );
				unfenced.addAll( context.regions() );
				fences.incrementAndGet();
			}
			// a region whose new generation did not reach Redis is fenced again on the next tick
			unfenced.removeIf( RegionStorage::evictAll );
			for ( RegionStorage region : context.regions() ) {
				region.retryPendingCopies();
			}
		}
		catch (RuntimeException e) {
			LOG.warn( "redisl2: failover check failed; will try again", e );
		}
	}

	/** Failovers fenced since startup. */
	public long fences() {
		return fences.get();
	}
}
