package dev.redisl2.it.explorer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.region.RegionState;

/**
 * One explored history: 2-3 nodes, one cache entry (an entity row, or a collection) and its region, a
 * database model, and the sessions running on the nodes. Each action either changes only the model or
 * yields one Redis command; worlds share nothing, so many run pipelined on one connection.
 */
final class World {

	enum Kind { VERSIONED, UNVERSIONED, OPAQUE, COLLECTION }

	enum SessionKind { READ, REFRESH, UPDATE, DELETE, INSERT, BULK, OWNER_UPDATE }

	/** Clock skew bound (µs) and drift bound (ppm) of every node: SharedClock's sync error. */
	static final long SKEW = 5;
	static final double DRIFT_PPM = 20;
	/**
	 * Model time an action takes, µs: 1 to 12, varying, so that gaps between events sometimes equal the
	 * difference of two nodes' skews and their timestamps tie (the comparisons' edge cases).
	 */
	private long actionMicros() {
		return 1 + Math.floorMod( seed + steps * 7919L, 12 );
	}

	final long seed;
	final Kind kind;
	final boolean singleFlight;
	final boolean earlyRefresh;
	private final NodeModel[] nodes;
	private final DatabaseModel db;
	private final ScriptCalls calls;
	private final Random random;
	private final List<Action> script;
	private int scriptPos;
	private final int length;
	final List<Action> executed = new ArrayList<>();
	/**
	 * Without the pending fixes (PendingFixes): the Java side of hole E is not modelled, evictions may delete live
	 * locks, and the oracle makes no allowance for hole C (a lost live lock). See docs/consistency-explorer.md.
	 */
	boolean strict;
	/** When non-null, every action, command and reply is written here (replays only). */
	StringBuilder trace;
	private final List<Session> sessions = new ArrayList<>();
	private long now;
	private long evictedKeys;
	private Function<Object, Command> awaiting;
	private Command chained;
	private boolean finalCheck;
	boolean done;
	String violation;
	long steps;
	long redisCalls;

	/** A world generated from its seed; {@code script} non-null replays those actions instead of drawing them. */
	World(long seed, String keyPrefix, int length, List<Action> script) {
		this.seed = seed;
		this.random = new Random( seed );
		List<Kind> kinds = kinds();
		this.kind = kinds.get( random.nextInt( kinds.size() ) );
		this.singleFlight = random.nextBoolean();
		this.earlyRefresh = random.nextBoolean();
		this.nodes = new NodeModel[2 + random.nextInt( 2 )];
		for ( int i = 0; i < nodes.length; i++ ) {
			nodes[i] = new NodeModel( i, random.nextLong( -SKEW, SKEW + 1 ), random.nextDouble( -DRIFT_PPM, DRIFT_PPM ) );
		}
		this.db = new DatabaseModel( kind == Kind.COLLECTION || random.nextInt( 4 ) > 0 );
		this.calls = new ScriptCalls( ( keyPrefix + ":r:{1}" ).getBytes( StandardCharsets.UTF_8 ),
				( keyPrefix + ":r:~state" ).getBytes( StandardCharsets.UTF_8 ) );
		this.length = length;
		this.script = script;
		// a profile per world, so that some are write-heavy, some eviction-heavy, some read-heavy
		this.writeShare = 20 + random.nextInt( 60 );
		this.environmentShare = random.nextInt( 4 ) == 0 ? 25 : 10;
	}

	private final int writeShare;
	private final int environmentShare;

	/** The kinds of data explored: all, or those named by -Dexplorer.kinds=VERSIONED,COLLECTION,... */
	private static List<Kind> kinds() {
		String names = System.getProperty( "explorer.kinds" );
		if ( names == null ) {
			return List.of( Kind.values() );
		}
		return java.util.Arrays.stream( names.split( "," ) ).map( String::trim ).map( Kind::valueOf ).toList();
	}

	Command cleanup() {
		return calls.delete( true, true );
	}

	String describe() {
		return "seed " + seed + ": " + kind + ", " + nodes.length + " nodes, single-flight " + singleFlight
				+ ", early refresh " + earlyRefresh;
	}

	// ~~~~ driving

	/** The next Redis command of this world, or null when the action needed none (call again) or the world is done. */
	Command advance() {
		if ( chained != null ) {
			Command c = chained;
			chained = null;
			return c;
		}
		if ( done ) {
			return null;
		}
		Action action = nextAction();
		if ( action == null ) {
			return finish();
		}
		steps++;
		now += actionMicros();
		if ( trace != null ) {
			trace.append( "t=" ).append( now ).append( ' ' ).append( action ).append( '\n' );
		}
		return apply( action );
	}

	/** The reply to the command advance returned (a JedisDataException for an error reply). */
	void accept(Object reply) {
		redisCalls++;
		if ( trace != null ) {
			trace.append( "      -> " ).append( show( reply ) ).append( '\n' );
		}
		Function<Object, Command> k = awaiting;
		awaiting = null;
		if ( reply instanceof Exception e ) {
			fail( "the script failed: " + e.getMessage() );
			return;
		}
		if ( k != null ) {
			chained = k.apply( reply );
		}
	}

	private Command send(Command command, Function<Object, Command> then) {
		awaiting = then;
		Command delivered = ScriptCalls.delivered( command, evictedKeys );
		if ( trace != null ) {
			trace.append( "    " ).append( delivered.type() );
			for ( byte[] a : delivered.args() ) {
				trace.append( ' ' ).append( text( a ) );
			}
			trace.append( '\n' );
		}
		return delivered;
	}

	private static String show(Object reply) {
		if ( reply instanceof byte[] b ) {
			return text( b );
		}
		if ( reply instanceof List<?> l ) {
			List<String> out = new ArrayList<>();
			for ( Object o : l ) {
				out.add( show( o ) );
			}
			return out.toString();
		}
		return String.valueOf( reply );
	}

	private Action nextAction() {
		if ( script != null ) {
			while ( scriptPos < script.size() ) {
				Action a = script.get( scriptPos++ );
				if ( valid( a ) ) {
					executed.add( a );
					return a;
				}
			}
			return null;
		}
		if ( executed.size() >= length ) {
			return null;
		}
		Action a = draw();
		executed.add( a );
		return a;
	}

	private boolean valid(Action a) {
		return switch ( a.verb() ) {
			case "begin", "learn", "failover", "evictAll", "remove" -> a.intA() < nodes.length;
			case "step" -> a.intA() < sessions.size();
			default -> true;
		};
	}

	private Action draw() {
		List<Integer> active = new ArrayList<>();
		for ( int i = 0; i < sessions.size(); i++ ) {
			if ( !sessions.get( i ).finished ) {
				active.add( i );
			}
		}
		int node = random.nextInt( nodes.length );
		int r = random.nextInt( 100 );
		if ( !active.isEmpty() && ( r < 55 || active.size() >= 5 && r < 100 - environmentShare ) ) {
			return new Action( "step", Integer.toString( active.get( random.nextInt( active.size() ) ) ),
					Integer.toString( random.nextInt( 10 ) ), "" );
		}
		if ( r < 90 - environmentShare ) {
			return new Action( "begin", Integer.toString( node ), drawSession().name(), random.nextBoolean() ? "RC" : "RR" );
		}
		if ( r < 90 ) {
			return new Action( "tick", Long.toString( random.nextInt( 3 ) == 0 ? 5_000 + random.nextInt( 30_000 ) : 1 + random.nextInt( 300 ) ), "", "" );
		}
		return switch ( random.nextInt( 10 ) ) {
			case 0, 1, 2 -> new Action( "evict", "0", "", "" );
			case 3 -> new Action( "evict", "1", "", "" );
			case 4 -> new Action( "flushall", "", "", "" );
			case 5, 6 -> new Action( "learn", Integer.toString( node ), "", "" );
			case 7 -> new Action( "failover", Integer.toString( node ), "", "" );
			case 8 -> new Action( "evictAll", Integer.toString( node ), "", "" );
			default -> new Action( "remove", Integer.toString( node ), "", "" );
		};
	}

	private SessionKind drawSession() {
		int r = random.nextInt( 100 );
		if ( r >= writeShare ) {
			return random.nextInt( 10 ) == 0 ? SessionKind.REFRESH : SessionKind.READ;
		}
		r = random.nextInt( 100 );
		if ( r < 45 ) {
			return SessionKind.UPDATE;
		}
		if ( r < 65 ) {
			return kind == Kind.COLLECTION ? SessionKind.OWNER_UPDATE : SessionKind.DELETE;
		}
		if ( r < 88 ) {
			return kind == Kind.COLLECTION ? SessionKind.OWNER_UPDATE : SessionKind.INSERT;
		}
		return SessionKind.BULK;
	}

	private Command apply(Action a) {
		switch ( a.verb() ) {
			case "tick" -> now += Long.parseLong( a.a() );
			case "begin" -> {
				NodeModel node = nodes[a.intA()];
				sessions.add( new Session( sessions.size(), node, SessionKind.valueOf( a.b() ), a.c().equals( "RR" ) ) );
				now += 1; // a transaction begins strictly after the commits the model saw finish
			}
			case "step" -> {
				Session s = sessions.get( a.intA() );
				return s.finished ? null : s.step( a.intB() );
			}
			case "evict" -> {
				// maxmemory evicts a key: Redis counts it only if it existed
				Command eviction = a.a().equals( "0" ) && !strict ? calls.evictUnlessLiveLock() : calls.delete( a.a().equals( "0" ), a.a().equals( "1" ) );
				return send( eviction, reply -> {
					evictedKeys += (Long) reply;
					locksLost( a.a().equals( "0" ), a.a().equals( "1" ) );
					return null;
				} );
			}
			case "flushall" -> {
				locksLost( true, true );
				return send( calls.delete( true, true ), reply -> null );
			}
			case "learn" -> nodes[a.intA()].observed( Long.toString( evictedKeys ), nodes[a.intA()].next( now ) );
			case "failover" -> {
				// a replica promoted without the newest writes (here: the entry), then the failover fence's new generation
				NodeModel node = nodes[a.intA()];
				locksLost( true, false );
				return send( calls.delete( true, false ), reply -> send( calls.region( "evict", node.next( now ) ), state -> {
					node.known = RegionState.parse( (byte[]) state );
					return null;
				} ) );
			}
			case "evictAll" -> {
				NodeModel node = nodes[a.intA()];
				return send( calls.region( "evict", node.next( now ) ), state -> {
					node.known = RegionState.parse( (byte[]) state );
					return null;
				} );
			}
			case "remove" -> {
				return send( calls.remove(), reply -> null );
			}
			default -> throw new IllegalArgumentException( "unknown action " + a );
		}
		return null;
	}

	/**
	 * Known hole C (docs/consistency-explorer.md): a live lock that is lost (evicted, flushed, failed over) stops
	 * protecting before its holders commit, as a timed-out one does. Unless strict, the oracle then treats their
	 * commits as it treats a timed-out holder's: required only once the release reaches Redis.
	 */
	private void locksLost(boolean entry, boolean state) {
		if ( strict ) {
			return;
		}
		for ( Session s : sessions ) {
			if ( !s.finished && ( entry && s.type != SessionKind.BULK || state && s.type == SessionKind.BULK ) ) {
				s.lockLost = true;
			}
		}
	}

	private void bulkLocksLost(Session unlocking) {
		if ( strict ) {
			return;
		}
		for ( Session s : sessions ) {
			if ( s != unlocking && !s.finished && s.type == SessionKind.BULK ) {
				s.lockLost = true;
			}
		}
	}

	/** After the last action: every session runs to its end, then the entry must equal the database or be absent. */
	private Command finish() {
		for ( Session s : sessions ) {
			if ( !s.finished && !s.blocked() ) {
				steps++;
				now += actionMicros();
				if ( trace != null ) {
					trace.append( "t=" ).append( now ).append( " (quiescence) step " ).append( s.id ).append( " 5\n" );
				}
				return s.step( 5 );
			}
		}
		if ( finalCheck ) {
			done = true;
			return null;
		}
		finalCheck = true;
		return send( calls.lookup(), reply -> {
			List<?> raw = (List<?>) reply;
			RegionState state = RegionState.parse( (byte[]) raw.get( 1 ) );
			byte[] value = (byte[]) raw.get( 0 );
			StoredEntry entry = StoredEntry.parse( value );
			if ( state != null && entry != null && entry.kind() == StoredEntry.Kind.VALUE
					&& entry.generation() == state.generation() && ScriptCalls.FINGERPRINT.equals( entry.fingerprint() ) ) {
				if ( !db.showsAtQuiescence( ScriptCalls.versionOf( entry.version() ), data( value, entry ), kind != Kind.COLLECTION,
						readAt( value, entry ), tolerance() ) ) {
					fail( "after quiescence the cache holds " + text( value ) + " but the database is "
							+ db.committed() + " (" + db.describe() + ")" );
				}
			}
			done = true;
			return null;
		} );
	}

	private void fail(String message) {
		if ( violation == null ) {
			violation = message;
		}
		done = true;
	}

	/** The payload "d<data>t<time>": the row's data, and when the load that read it began (or the value was committed). */
	private static int data(byte[] raw, StoredEntry entry) {
		String payload = new String( raw, entry.payloadOffset() + 1, raw.length - entry.payloadOffset() - 1, StandardCharsets.US_ASCII );
		return Integer.parseInt( payload.substring( 0, payload.indexOf( 't' ) ) );
	}

	private static long readAt(byte[] raw, StoredEntry entry) {
		String payload = new String( raw, entry.payloadOffset(), raw.length - entry.payloadOffset(), StandardCharsets.US_ASCII );
		return Long.parseLong( payload.substring( payload.indexOf( 't' ) + 1 ) );
	}

	private static String text(byte[] raw) {
		if ( raw == null ) {
			return "nil";
		}
		return new String( raw, StandardCharsets.US_ASCII ).replace( '\n', '|' );
	}

	private static String headerOf(byte[] raw) {
		int end = 0;
		while ( end < raw.length && raw[end] != '\n' ) {
			end++;
		}
		return new String( raw, 0, end, StandardCharsets.US_ASCII );
	}

	private long tolerance() {
		// two clocks differ by at most twice the sync error plus their drift since the world began
		return 2 * SKEW + 2 * (long) Math.ceil( now * DRIFT_PPM / 1_000_000 ) + 1;
	}

	// ~~~~ sessions: Hibernate's call sequences, each call stamped in one step and delivered in a later one

	private final class Session {

		final int id;
		final NodeModel node;
		final SessionKind type;
		final int snapshot;
		final long txTs;
		final long beganAt;
		boolean finished;
		private int phase;
		private Command pending;
		private Function<Object, Command> onReply;
		private DatabaseModel.Row read;
		private String refreshing;
		private String lockOwner;
		private String lockId;
		private boolean committed;
		private int casAttempts;
		private long lockedAt = Long.MAX_VALUE;
		private boolean lockLost;
		/** The row this session wrote: what its afterInsert or afterUpdate caches. */
		private DatabaseModel.Row written;
		private int commitIndex = -1;

		/** Whether this session's cache lock (entry or region) has timed out by now, by any node's clock. */
		private boolean lockTimedOut() {
			return lockedAt != Long.MAX_VALUE && ( lockLost || now + tolerance() >= lockedAt + ScriptCalls.LOCK_TIMEOUT_MICROS );
		}

		private Command settle() {
			db.settled( commitIndex );
			finished = true;
			return null;
		}

		Session(int id, NodeModel node, SessionKind type, boolean repeatableRead) {
			this.id = id;
			this.node = node;
			this.type = type;
			this.snapshot = repeatableRead ? db.latest() : -1;
			this.txTs = node.next( now ); // SessionCacheSynchronization's caching timestamp
			this.beganAt = now;
			this.phase = type == SessionKind.REFRESH ? 10 : 0;
		}

		boolean blocked() {
			return pending == null && phaseWritesRow() && db.rowLockedByOther( id );
		}

		private boolean phaseWritesRow() {
			return switch ( type ) {
				case UPDATE, DELETE -> phase == 2;
				case INSERT, BULK, OWNER_UPDATE -> phase == ( type == SessionKind.INSERT ? 0 : 1 );
				default -> false;
			};
		}

		/** Delivers the stamped call if there is one, else takes the next step of the session. */
		Command step(int choice) {
			if ( pending != null ) {
				Command c = pending;
				Function<Object, Command> k = onReply;
				pending = null;
				onReply = null;
				return send( c, k );
			}
			return switch ( type ) {
				case READ, REFRESH -> reader( choice );
				case UPDATE, DELETE -> writer( choice );
				case INSERT -> inserter( choice );
				case BULK -> bulk( choice );
				case OWNER_UPDATE -> ownerUpdate( choice );
			};
		}

		private void stamp(Command c, Function<Object, Command> k) {
			pending = c;
			onReply = k;
		}

		/** RegionStorage.stateForWrite: the known state, or an init (its own round trip) when there is none. */
		private Command needState() {
			long stamp = node.next( now );
			return send( calls.region( "init", stamp ), state -> {
				node.known = RegionState.parse( (byte[]) state );
				return null;
			} );
		}

		// ~~~~ readers: get, then on a miss (optionally a claim) the load and its put

		private Command reader(int choice) {
			switch ( phase ) {
				case 0 -> {
					return send( calls.lookup(), reply -> {
						List<?> raw = (List<?>) reply;
						RegionState state = RegionState.parse( (byte[]) raw.get( 1 ) );
						if ( state == null ) {
							return send( calls.region( "init", node.next( now ) ), init -> {
								node.known = RegionState.parse( (byte[]) init );
								looked( (byte[]) raw.get( 0 ), node.known, choice );
								return null;
							} );
						}
						node.remember( state );
						looked( (byte[]) raw.get( 0 ), state, choice );
						return null;
					} );
				}
				case 1 -> { // single-flight: claim the absent entry
					RegionState state = node.known;
					stamp( calls.claim( state.generation(), txTs, node.owner, node.evictedKeys, node.evictedSince ), reply -> {
						if ( reply instanceof List<?> found && found.size() == 2 && found.get( 1 ) instanceof byte[] raw ) {
							if ( !served( raw, state ) ) {
								phase = 10;
							}
						}
						else {
							phase = Long.valueOf( 0 ).equals( reply ) ? 2 : 10;
						}
						return null;
					} );
					return null;
				}
				case 2 -> { // awaitLoad: one poll for the claimer's put
					return send( calls.lookup(), reply -> {
						List<?> raw = (List<?>) reply;
						RegionState state = RegionState.parse( (byte[]) raw.get( 1 ) );
						if ( state != null ) {
							node.remember( state );
						}
						if ( raw.get( 0 ) == null || !served( (byte[]) raw.get( 0 ), state ) ) {
							phase = 10;
						}
						return null;
					} );
				}
				case 10 -> { // the load: read the row, then stamp the put
					if ( node.known == null ) {
						return needState();
					}
					read = db.read( snapshot );
					RegionState state = node.known;
					if ( !read.exists() || !state.admitsLoad( txTs, node.now( now ) ) ) {
						finished = true;
						return null;
					}
					byte[] value = ScriptCalls.value( state.generation(), txTs, ScriptCalls.versionText( kind, read.version() ), "d" + read.data() + "t" + beganAt );
					if ( refreshing != null ) {
						stamp( calls.putif( refreshing, ScriptCalls.TTL_MILLIS, value ), reply -> {
							if ( Long.valueOf( 1 ).equals( reply ) ) {
								finished = true;
							}
							else {
								stampPut( state, value );
							}
							return null;
						} );
						return null;
					}
					stampPut( state, value );
					return null;
				}
				default -> throw new IllegalStateException( "reader phase " + phase );
			}
		}

		private void looked(byte[] raw, RegionState state, int choice) {
			StoredEntry entry = StoredEntry.parse( raw );
			boolean current = entry != null && state != null && entry.generation() == state.generation();
			if ( current && entry.kind() == StoredEntry.Kind.VALUE && ScriptCalls.FINGERPRINT.equals( entry.fingerprint() ) ) {
				if ( txTs <= entry.timestamp() ) {
					phase = 10; // ReadWriteAccess.readable: not for this transaction; Hibernate loads
					return;
				}
				served( raw, state );
				if ( earlyRefresh && choice == 0 && !finished ) {
					refreshing = entry.headerText(); // refreshDue: the get answers a miss, the load replaces this value
					phase = 10;
				}
				else {
					finished = true;
				}
				return;
			}
			boolean loading = entry != null && entry.kind() == StoredEntry.Kind.LOADING;
			if ( singleFlight && state != null && ( raw == null || loading ) ) {
				phase = loading ? 2 : 1;
				return;
			}
			phase = 10;
		}

		/** The oracle on a value a get returns; true if it was a current value (served). */
		private boolean served(byte[] raw, RegionState state) {
			StoredEntry entry = StoredEntry.parse( raw );
			if ( entry == null || state == null || entry.kind() != StoredEntry.Kind.VALUE || entry.generation() != state.generation()
					|| !ScriptCalls.FINGERPRINT.equals( entry.fingerprint() ) ) {
				return false;
			}
			int required = db.newestBefore( beganAt - tolerance() );
			if ( !db.shows( required, ScriptCalls.versionOf( entry.version() ), data( raw, entry ), kind != Kind.COLLECTION ) ) {
				fail( "session " + id + " (" + type + " on " + node.owner + ", began at " + beganAt + ", txTs " + txTs + ") was served "
						+ text( raw ) + ", older than commit #" + required + " that finished before it began (" + db.describe() + ")" );
			}
			finished = true;
			return true;
		}

		private void stampPut(RegionState state, byte[] value) {
			stamp( calls.put( state.generation(), txTs, ScriptCalls.versionText( kind, versionRead() ), ScriptCalls.TTL_MILLIS,
					node.evictedKeys, node.evictedSince, value, type == SessionKind.REFRESH ), reply -> putReplied( reply, state, value ) );
		}

		private long versionRead() {
			return read.version();
		}

		private Command putReplied(Object reply, RegionState state, byte[] value) {
			if ( reply instanceof List<?> answer && answer.size() == 2 ) {
				if ( !( answer.get( 1 ) instanceof byte[] current ) || !Long.valueOf( -2 ).equals( answer.get( 0 ) ) ) {
					// Redis evicted keys since this node last looked: it learns the count
					node.observed( Long.toString( evictedKeys ), node.next( now ) );
					finished = true;
					return null;
				}
				StoredEntry entry = StoredEntry.parse( current );
				if ( entry == null || !ScriptCalls.newer( entry.version(), versionRead() ) || ++casAttempts > 3 ) {
					finished = true;
					return null;
				}
				stamp( calls.putif( headerOf( current ), ScriptCalls.TTL_MILLIS, value ), r -> {
					if ( Long.valueOf( 1 ).equals( r ) ) {
						finished = true;
					}
					else {
						stampPut( state, value );
					}
					return null;
				} );
				return null;
			}
			finished = true;
			return null;
		}

		// ~~~~ read-write writers: lockItem, the statement, commit or rollback, afterUpdate or unlockItem

		private Command writer(int choice) {
			switch ( phase ) {
				case 0 -> {
					read = db.read( snapshot );
					if ( !read.exists() ) {
						finished = true;
						return null;
					}
					phase = 1;
					return null;
				}
				case 1 -> {
					if ( node.known == null ) {
						return needState();
					}
					RegionState state = node.known;
					String version = kind == Kind.COLLECTION ? StoredEntry.NO_VERSION : ScriptCalls.versionText( kind, read.version() );
					String lockIdWanted = node.nextLockId();
					lockedAt = now;
					stamp( calls.lock( state.generation(), node.next( now ) + ScriptCalls.LOCK_TIMEOUT_MICROS, node.owner, lockIdWanted,
							version, state.invalidatedAt() ), reply -> {
								if ( reply instanceof List<?> holder && holder.size() == 2 ) {
									lockOwner = new String( (byte[]) holder.get( 0 ), StandardCharsets.UTF_8 );
									lockId = new String( (byte[]) holder.get( 1 ), StandardCharsets.UTF_8 );
								}
								else {
									lockOwner = node.owner;
									lockId = lockIdWanted;
								}
								phase = 2;
								return null;
							} );
					return null;
				}
				case 2 -> {
					if ( !db.lockRow( id ) ) {
						return null; // the statement waits for the other writer
					}
					DatabaseModel.Row current = db.committed();
					boolean conflict = !current.exists() || current.version() != read.version() && kind != Kind.UNVERSIONED
							|| snapshot >= 0 && db.latest() != snapshot;
					if ( conflict ) {
						db.release( id ); // optimistic lock failure or serialization failure: rollback
						phase = 4;
						return null;
					}
					if ( type == SessionKind.DELETE ) {
						written = new DatabaseModel.Row( false, current.version(), 0 );
					}
					else if ( kind == Kind.COLLECTION ) {
						// a collection change; an owning (non-inverse) side also bumps the owner's version
						written = new DatabaseModel.Row( true, choice < 5 ? db.freshVersion() : current.version(), db.freshData() );
					}
					else {
						written = new DatabaseModel.Row( true, db.freshVersion(), db.freshData() );
					}
					db.write( written );
					phase = 3;
					return null;
				}
				case 3 -> {
					if ( choice == 0 ) {
						db.release( id );
					}
					else {
						commitIndex = db.commit( id, now, lockTimedOut() );
						committed = true;
					}
					phase = 4;
					return null;
				}
				case 4 -> {
					if ( node.known == null ) {
						return needState();
					}
					RegionState state = node.known;
					// hole E: a value committed before a bulk operation or region eviction began is not cached
					boolean admitted = state.admitsLoad( txTs, node.now( now ) );
					if ( committed && type == SessionKind.UPDATE && kind != Kind.COLLECTION && admitted ) {
						DatabaseModel.Row row = written;
						long ts = node.next( now );
						byte[] value = ScriptCalls.value( state.generation(), ts, ScriptCalls.versionText( kind, row.version() ), "d" + row.data() + "t" + now );
						stamp( calls.update( lockOwner, lockId, node.next( now ), state.generation(), value ), reply -> settle() );
					}
					else {
						stamp( calls.unlock( lockOwner, lockId, node.next( now ), state.generation() ), reply -> settle() );
					}
					return null;
				}
				default -> throw new IllegalStateException( "writer phase " + phase );
			}
		}

		private Command end() {
			finished = true;
			return null;
		}

		private Command inserter(int choice) {
			switch ( phase ) {
				case 0 -> {
					if ( !db.lockRow( id ) ) {
						return null;
					}
					if ( db.committed().exists() ) {
						db.release( id ); // a duplicate key: the insert fails, nothing is cached
						finished = true;
						return null;
					}
					written = new DatabaseModel.Row( true, db.freshVersion(), db.freshData() );
					db.write( written );
					phase = 1;
					return null;
				}
				case 1 -> {
					if ( choice == 0 ) {
						db.release( id );
						finished = true;
						return null;
					}
					db.commit( id, now, false );
					phase = 2;
					return null;
				}
				case 2 -> {
					if ( node.known == null ) {
						return needState();
					}
					RegionState state = node.known;
					if ( !state.admitsLoad( txTs, node.now( now ) ) ) {
						finished = true; // hole E, as for afterUpdate
						return null;
					}
					DatabaseModel.Row row = written;
					long ts = node.next( now );
					byte[] value = ScriptCalls.value( state.generation(), ts, ScriptCalls.versionText( kind, row.version() ), "d" + row.data() + "t" + now );
					stamp( calls.insert( state.generation(), ScriptCalls.TTL_MILLIS, value, state.invalidatedAt(), txTs, node.evictedKeys,
							node.evictedSince ), reply -> end() );
					return null;
				}
				default -> throw new IllegalStateException( "insert phase " + phase );
			}
		}

		/** A bulk HQL update: lockRegion, the statement (a new version), commit, unlockRegion. */
		private Command bulk(int choice) {
			switch ( phase ) {
				case 0 -> {
					lockedAt = now;
					stamp( calls.region( "lock", node.next( now ) ), state -> {
						node.known = RegionState.parse( (byte[]) state );
						phase = 1;
						return null;
					} );
					return null;
				}
				case 1 -> {
					if ( !db.lockRow( id ) ) {
						return null;
					}
					DatabaseModel.Row row = db.committed();
					if ( row.exists() ) {
						db.write( new DatabaseModel.Row( true, db.freshVersion(), db.freshData() ) );
					}
					phase = 2;
					return null;
				}
				case 2 -> {
					if ( choice == 0 ) {
						db.release( id );
					}
					else {
						commitIndex = db.commit( id, now, lockTimedOut() );
					}
					phase = 3;
					return null;
				}
				case 3 -> {
					boolean expired = lockTimedOut();
					stamp( calls.region( "unlock", node.next( now ) ), state -> {
						node.known = RegionState.parse( (byte[]) state );
						if ( expired ) {
							// hole I: region.lua counts bulk locks without owners, so the late unlock of an expired
							// one releases a newer holder's lock: that holder's lock is lost (hole C's allowance)
							bulkLocksLost( this );
						}
						return settle();
					} );
					return null;
				}
				default -> throw new IllegalStateException( "bulk phase " + phase );
			}
		}

		/** The owner of a collection changes (a new owner version); the collection's cache entry is not touched. */
		private Command ownerUpdate(int choice) {
			switch ( phase ) {
				case 0 -> {
					read = db.read( snapshot );
					phase = 1;
					return null;
				}
				case 1 -> {
					if ( !db.lockRow( id ) ) {
						return null;
					}
					DatabaseModel.Row row = db.committed();
					if ( !row.exists() || row.version() != read.version() || snapshot >= 0 && db.latest() != snapshot ) {
						db.release( id );
						finished = true;
						return null;
					}
					db.write( new DatabaseModel.Row( true, db.freshVersion(), row.data() ) );
					phase = 2;
					return null;
				}
				case 2 -> {
					if ( choice == 0 ) {
						db.release( id );
					}
					else {
						db.commit( id, now, false );
					}
					finished = true;
					return null;
				}
				default -> throw new IllegalStateException( "owner update phase " + phase );
			}
		}
	}
}
