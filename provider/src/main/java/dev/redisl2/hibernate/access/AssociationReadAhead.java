package dev.redisl2.hibernate.access;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import dev.redisl2.hibernate.region.RegionStorage;

import org.hibernate.cache.spi.entry.CacheEntry;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.engine.spi.CollectionKey;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.BasicType;
import org.hibernate.type.CollectionType;
import org.hibernate.type.ManyToOneType;
import org.hibernate.type.Type;

/**
 * Adaptive association read-ahead ({@code hibernate.cache.redis.read_ahead=adaptive}), for one entity access
 * object. It learns, per association of the entity (a to-one whose target entity is cached here; a cached
 * collection keyed by the owner's id), whether sessions that got the entity from the cache then ask for that
 * association in the same session, and reads ahead only the associations they usually walk:
 * <ol>
 *   <li>the learned collections' entries travel in the owner's own {@code MGET} (their keys follow from the
 *       owner's id), each with its region state: the owner's get stays one round trip;</li>
 *   <li>the learned to-one targets (their ids are in the owner's cached state) and the elements of the
 *       collections read in step 1 are read in one {@code MGET} when the session first asks for any of them
 *       (or when a collection's elements are read ahead): instead of one round trip each.</li>
 * </ol>
 * What is read ahead is left with the session ({@link SessionCacheSynchronization#prefetched}) and served by
 * the gets that follow under the rules of an ordinary read: current generation (read with its region
 * state in the same {@code MGET}), fingerprint, read-write's "written before the session began", the near
 * cache's stamps; for at most {@value SessionCacheSynchronization#FRESH_MILLIS} ms and only to that session.
 *
 * <p>Learning: owner loads are sampled (each of the first {@value #LEARN_ALL_FIRST} of this access object on each thread,
 * then one in {@value #SAMPLE_EVERY}); a sampled load watches its session for a get of each association's
 * entry. A get is a walk, a session that ends without one is not. Each association keeps a decayed ratio
 * (each sample weighs 1/{@value #SAMPLE_EVERY}; a sampled load counts as not walked at once, and the walk,
 * if it comes, corrects that: no need for the session to end) and is read ahead while it is at least 1/2. Sampling goes on
 * while an association is read ahead, so a workload that stops walking it stops reading it ahead after
 * {@value #UNLEARN_SAMPLES} sampled loads. State is per access object (per factory), bounded by the mapping.
 *
 * <p>Single Redis only: on a cluster the owner, its collections and their targets live in different slots.
 */
final class AssociationReadAhead {

	/** Watches per session, at most (a session loading many owners learns from the first ones). */
	static final int MAX_WATCHED = 64;
	/** Entries one pending read-ahead may read, at most. */
	static final int MAX_PENDING = 256;
	static final int LEARN_ALL_FIRST = 32;
	static final int SAMPLE_EVERY = 8;
	private static final double WEIGHT = 1.0 / SAMPLE_EVERY;
	private static final double THRESHOLD = 0.5;
	/** Sampled non-walks that take a ratio of 1 below the threshold: (7/8)^6 < 1/2. */
	static final int UNLEARN_SAMPLES = 6;

	private final RedisDataAccess owner;
	private final boolean enabled;
	/**
	 * Owner loads counted per thread: one shared counter, written by every find of every thread, was a contended
	 * cache line at 8 threads (find-by-id measured 6-8% slower than with read_ahead=off).
	 */
	private final ThreadLocal<long[]> ownerLoads = ThreadLocal.withInitial( () -> new long[1] );
	private final ConcurrentHashMap<String, List<Association>> shapes = new ConcurrentHashMap<>();
	/** The learned collections of every subclass served by this access object: read with the owner. */
	private volatile List<Association> learnedCollections = List.of();

	AssociationReadAhead(RedisDataAccess owner, boolean enabled) {
		this.owner = owner;
		this.enabled = enabled;
	}

	/** One association of the owner entity and what was learned about it. */
	final class Association {

		/** Index in the owner's state (to-one), or -1 (collection). */
		final int index;
		final EntityPersister target;
		final CollectionPersister collection;
		final RedisDataAccess access;
		private double ratio;
		private volatile boolean learned;

		Association(int index, EntityPersister target, CollectionPersister collection, RedisDataAccess access) {
			this.index = index;
			this.target = target;
			this.collection = collection;
			this.access = access;
		}

		boolean learned() {
			return learned;
		}

		/**
		 * A sampled owner load: counted as a load whose session does not walk this association, at once (a
		 * session need not end for its loads to count); {@link #walked} corrects it if the session walks it.
		 */
		void sampled() {
			update( ratio -> ratio * ( 1 - WEIGHT ) );
		}

		/** The session of a sampled load asked for this association: together with {@link #sampled}, a walk. */
		void walked() {
			update( ratio -> Math.min( 1, ratio + WEIGHT ) );
		}

		private void update(java.util.function.DoubleUnaryOperator change) {
			boolean changed;
			synchronized ( this ) {
				ratio = change.applyAsDouble( ratio );
				boolean now = ratio >= THRESHOLD;
				changed = now != learned;
				learned = now;
			}
			if ( changed && collection != null ) {
				relearnCollections();
			}
		}
	}

	/** An entry to read ahead: the access object of its region, its key, its per-session name. */
	record Target(RedisDataAccess access, Object key, String ref) {
	}

	/** What one session will read ahead with its next read of any of it. */
	static final class Pending {

		private final long createdAt;
		final List<Target> toOnes = new ArrayList<>( 2 );
		final List<Target> collections = new ArrayList<>( 2 );

		Pending(long createdAt) {
			this.createdAt = createdAt;
		}

		boolean stale(long now) {
			return !SessionCacheSynchronization.fresh( createdAt, now );
		}

		boolean full() {
			return toOnes.size() + collections.size() >= MAX_PENDING;
		}

		boolean hasToOne(String ref) {
			for ( Target target : toOnes ) {
				if ( target.ref().equals( ref ) ) {
					return true;
				}
			}
			return false;
		}
	}

	private synchronized void relearnCollections() {
		List<Association> learned = new ArrayList<>();
		for ( List<Association> shape : shapes.values() ) {
			for ( Association association : shape ) {
				if ( association.collection != null && association.learned() && !learned.contains( association ) ) {
					learned.add( association );
				}
			}
		}
		learnedCollections = List.copyOf( learned );
	}

	// ~~~~ step 1: the owner's read

	/**
	 * The learned collections of the owner with this key, to read in the owner's own {@code MGET}; empty when
	 * nothing is learned (the usual case, which costs nothing more than a volatile read).
	 */
	List<Target> collectionsToReadWith(SharedSessionContractImplementor session, Object ownerKey) {
		List<Association> learned = learnedCollections;
		if ( learned.isEmpty() || !owner.storage.readsAcrossRegions() ) {
			return List.of();
		}
		Object ownerId = owner.getCacheKeyId( ownerKey );
		if ( ownerId == null ) {
			return List.of();
		}
		List<Target> targets = new ArrayList<>( learned.size() );
		var persistenceContext = session.getPersistenceContextInternal();
		for ( Association association : learned ) {
			if ( persistenceContext.getCollection( new CollectionKey( association.collection, ownerId ) ) != null ) {
				continue;
			}
			Object key = association.access.generateCacheKey( ownerId, association.collection, session.getFactory(),
					session.getTenantIdentifier() );
			if ( association.access.storage.readsAcrossRegions() && !association.access.nearCacheHolds( key ) ) {
				targets.add( new Target( association.access, key, association.access.entryRef( key ) ) );
			}
		}
		return targets;
	}

	// ~~~~ after the owner is served: learning, and what step 2 will read

	/** The owner entity was served from the cache to this session. */
	void ownerServed(SharedSessionContractImplementor session, SessionCacheSynchronization sync, Object ownerKey, CacheEntry entry) {
		if ( !enabled ) {
			return;
		}
		List<Association> shape = shape( session, entry.getSubclass() );
		if ( shape.isEmpty() ) {
			return;
		}
		long n = ownerLoads.get()[0]++;
		boolean sample = n < LEARN_ALL_FIRST || n % SAMPLE_EVERY == 0;
		boolean anyLearned = false;
		for ( Association association : shape ) {
			anyLearned |= association.learned();
		}
		if ( !sample && !anyLearned ) {
			return;
		}
		Serializable[] state = entry.getDisassembledState();
		Object ownerId = owner.getCacheKeyId( ownerKey );
		var persistenceContext = session.getPersistenceContextInternal();
		for ( Association association : shape ) {
			boolean learned = association.learned();
			if ( !sample && !learned ) {
				continue;
			}
			Object key;
			if ( association.collection == null ) {
				Object id = state == null || association.index >= state.length ? null : state[association.index];
				// an id of the target's type (not, say, the marker of an unfetched lazy attribute)
				if ( id == null || !association.target.getIdentifierType().getReturnedClass().isInstance( id )
						|| persistenceContext.getEntity( session.generateEntityKey( id, association.target ) ) != null ) {
					continue;
				}
				key = association.access.generateCacheKey( id, association.target, session.getFactory(), session.getTenantIdentifier() );
			}
			else {
				if ( ownerId == null || persistenceContext.getCollection( new CollectionKey( association.collection, ownerId ) ) != null ) {
					continue;
				}
				key = association.access.generateCacheKey( ownerId, association.collection, session.getFactory(),
						session.getTenantIdentifier() );
			}
			String ref = association.access.entryRef( key );
			if ( sample && sync.watch( ref, association ) ) {
				association.sampled();
			}
			if ( !learned || !association.access.storage.readsAcrossRegions() ) {
				continue;
			}
			if ( association.collection == null ) {
				if ( !association.access.nearCacheHolds( key ) ) {
					Pending pending = sync.pendingForAdding();
					if ( !pending.full() && !pending.hasToOne( ref ) ) {
						pending.toOnes.add( new Target( association.access, key, ref ) );
					}
				}
			}
			else if ( sync.peekPrefetched( ref ) != null ) {
				// read with the owner (step 1): its elements join step 2
				Pending pending = sync.pendingForAdding();
				if ( !pending.full() ) {
					pending.collections.add( new Target( association.access, key, ref ) );
				}
			}
		}
	}

	/** The associations of this entity that could be read ahead (computed once per entity name). */
	private List<Association> shape(SharedSessionContractImplementor session, String entityName) {
		List<Association> known = shapes.get( entityName );
		if ( known != null ) {
			return known;
		}
		List<Association> found = discover( session, entityName );
		List<Association> raced = shapes.putIfAbsent( entityName, found );
		return raced != null ? raced : found;
	}

	private List<Association> discover(SharedSessionContractImplementor session, String entityName) {
		var metamodel = session.getFactory().getMappingMetamodel();
		EntityPersister persister = metamodel.findEntityDescriptor( entityName );
		if ( persister == null ) {
			return List.of();
		}
		List<Association> found = new ArrayList<>();
		Type[] types = persister.getPropertyTypes();
		for ( int i = 0; i < types.length; i++ ) {
			if ( types[i] instanceof ManyToOneType toOne && toOne.isReferenceToPrimaryKey() ) {
				EntityPersister target = metamodel.findEntityDescriptor( toOne.getAssociatedEntityName() );
				if ( target != null && target.canReadFromCache() && target.getIdentifierType() instanceof BasicType<?>
						&& target.getCacheAccessStrategy() instanceof RedisDataAccess access ) {
					found.add( new Association( i, target, null, access ) );
				}
			}
			else if ( types[i] instanceof CollectionType collectionType && collectionType.getLHSPropertyName() == null
					&& persister.getIdentifierType() instanceof BasicType<?> ) {
				CollectionPersister collection = metamodel.findCollectionDescriptor( collectionType.getRole() );
				if ( collection != null && collection.hasCache()
						&& collection.getCacheAccessStrategy() instanceof RedisDataAccess access ) {
					found.add( new Association( -1, null, collection, access ) );
				}
			}
		}
		return List.copyOf( found );
	}

	// ~~~~ step 2

	/**
	 * Reads what this session has pending, plus {@code more} (elements of a collection just served), in one
	 * {@code MGET}, and leaves it with the session. {@code servedCollection} is the collection whose elements
	 * {@code more} are (its pending entry is dropped: its elements are in {@code more}), or null. Returns
	 * whether it read anything: when nothing is pending, the caller keeps its own way.
	 */
	static boolean readPending(SharedSessionContractImplementor session, SessionCacheSynchronization sync,
			List<Target> more, String servedCollection) {
		Pending pending = sync.takePending();
		if ( pending == null ) {
			return false;
		}
		List<Target> reads = new ArrayList<>( pending.toOnes.size() + more.size() + 4 );
		java.util.Set<String> refs = new java.util.HashSet<>();
		for ( Target target : pending.toOnes ) {
			if ( sync.peekPrefetched( target.ref() ) == null && refs.add( target.ref() ) ) {
				reads.add( target );
			}
		}
		for ( Target collection : pending.collections ) {
			if ( collection.ref().equals( servedCollection ) ) {
				continue;
			}
			SessionCacheSynchronization.Prefetched read = sync.peekPrefetched( collection.ref() );
			Object value = read == null ? null : collection.access().servable( read.lookup(), session );
			if ( value instanceof CollectionCacheEntry entry ) {
				for ( Target element : collection.access().elementsReadAhead().targets( session, sync, entry ) ) {
					if ( refs.add( element.ref() ) ) {
						reads.add( element );
					}
				}
			}
		}
		for ( Target target : more ) {
			if ( refs.add( target.ref() ) ) {
				reads.add( target );
			}
		}
		if ( reads.size() > MAX_PENDING ) {
			reads = reads.subList( 0, MAX_PENDING );
		}
		if ( reads.size() < 2 ) {
			return false; // one entry read ahead costs what its own get costs: the caller reads it its way
		}
		read( sync, reads );
		return true;
	}

	/** One {@code MGET} over several regions; each lookup is left with the session with its region's near stamp. */
	static void read(SessionCacheSynchronization sync, List<Target> targets) {
		List<RegionStorage.Read> reads = new ArrayList<>( targets.size() );
		long[] stamps = new long[targets.size()];
		for ( int i = 0; i < targets.size(); i++ ) {
			Target target = targets.get( i );
			stamps[i] = target.access().nearStamp(); // before the read: see SessionCacheSynchronization.prefetched
			reads.add( new RegionStorage.Read( target.access().storage, RedisDataAccess.entryId( target.key() ) ) );
		}
		List<RegionStorage.Lookup> lookups = RegionStorage.lookupAcross( reads );
		long now = System.nanoTime();
		for ( int i = 0; i < targets.size(); i++ ) {
			sync.prefetched( targets.get( i ).ref(), lookups.get( i ), stamps[i], now );
		}
	}
}
