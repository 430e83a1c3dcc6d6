package dev.redisl2.it.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.redisl2.support.RedisServerProcess;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Runs worlds against one redis-server: many at once, one command of each per pipelined round (worlds use
 * disjoint keys, so pipelining changes no outcome), until a step budget is spent or a world breaks the
 * oracle; then shrinks that world's actions to a minimal sequence and prints it as a JUnit test.
 */
final class Explorer {

	/** Actions per world before it quiesces and is checked. */
	static final int WORLD_LENGTH = Integer.getInteger( "explorer.worldLength", 40 );
	private static final int PARALLEL = 96;

	/** What a run found: the steps it took, and the first violation (null if none). */
	record Result(long steps, long redisCalls, long worlds, Failure failure) {
	}

	record Failure(long seed, String world, String violation, List<Action> actions, long stepsToFind) {
	}

	private final RedisServerProcess redis;
	private final ScriptCalls.Scripts scripts;
	private final boolean strict;
	private long runs;

	Explorer(RedisServerProcess redis, ScriptCalls.Scripts scripts) {
		this( redis, scripts, false );
	}

	/** strict: without the Java side of the pending fixes and without the allowance for lost locks (World.strict). */
	Explorer(RedisServerProcess redis, ScriptCalls.Scripts scripts, boolean strict) {
		this.redis = redis;
		this.scripts = scripts;
		this.strict = strict;
	}

	private World world(long seed, List<Action> actions) {
		World w = new World( seed, prefix(), WORLD_LENGTH, actions );
		w.strict = strict;
		return w;
	}

	/** Explores worlds seeded from baseSeed on until {@code budget} steps ran or a violation was found. */
	Result explore(long baseSeed, long budget) {
		try ( Jedis jedis = connect() ) {
			ScriptCalls.Scripts loaded = scripts.loadedInto( jedis );
			World[] slots = new World[PARALLEL];
			long next = 0;
			long steps = 0;
			long calls = 0;
			long worlds = 0;
			while ( true ) {
				Pipeline pipeline = jedis.pipelined();
				@SuppressWarnings("unchecked")
				Response<Object>[] responses = new Response[PARALLEL];
				boolean any = false;
				for ( int i = 0; i < PARALLEL; i++ ) {
					Command command = null;
					while ( command == null ) {
						World w = slots[i];
						if ( w != null && w.done ) {
							steps += w.steps;
							calls += w.redisCalls;
							worlds++;
							if ( w.violation != null ) {
								pipeline.sync();
								return new Result( steps, calls, worlds,
										new Failure( w.seed, w.describe(), w.violation, List.copyOf( w.executed ), steps ) );
							}
							w.cleanup().queue( pipeline, loaded );
							slots[i] = null;
							w = null;
						}
						if ( w == null ) {
							if ( steps >= budget ) {
								break;
							}
							w = world( seedOf( baseSeed, next++ ), null );
							slots[i] = w;
						}
						command = w.advance();
					}
					if ( command != null ) {
						responses[i] = cast( command.queue( pipeline, loaded ) );
						any = true;
					}
				}
				pipeline.sync();
				for ( int i = 0; i < PARALLEL; i++ ) {
					if ( responses[i] != null ) {
						slots[i].accept( reply( responses[i] ) );
					}
				}
				if ( !any ) {
					return new Result( steps, calls, worlds, null );
				}
			}
		}
	}

	/** Replays one world: drawn from its seed, or (actions non-null) the given actions. Returns the world afterwards. */
	World replay(long seed, List<Action> actions) {
		return replay( seed, actions, false );
	}

	World replay(long seed, List<Action> actions, boolean traced) {
		try ( Jedis jedis = connect() ) {
			ScriptCalls.Scripts loaded = scripts.loadedInto( jedis );
			World w = world( seed, actions );
			if ( traced ) {
				w.trace = new StringBuilder();
			}
			while ( !w.done ) {
				Command command = w.advance();
				if ( command != null ) {
					Pipeline p = jedis.pipelined();
					Response<Object> r = cast( command.queue( p, loaded ) );
					p.sync();
					w.accept( reply( r ) );
				}
			}
			jedis.del( w.cleanup().keys().toArray( new byte[0][] ) );
			return w;
		}
	}

	/**
	 * Removes chunks of actions, then single actions, as long as the world still breaks the oracle. Removing a
	 * session's begin removes its steps too and renumbers the later sessions, so whole sessions go at once.
	 */
	List<Action> shrink(long seed, List<Action> actions) {
		List<Action> current = new ArrayList<>( actions );
		for ( int chunk = Math.max( 1, current.size() / 2 ); chunk >= 1; chunk /= 2 ) {
			boolean progress = true;
			while ( progress ) {
				progress = false;
				for ( int from = current.size() - chunk; from >= 0; from -= chunk ) {
					if ( from + chunk > current.size() ) {
						continue;
					}
					World w = replay( seed, without( current, from, from + chunk ) );
					if ( w.violation != null && w.executed.size() < current.size() ) {
						current = new ArrayList<>( w.executed ); // only the actions that were valid in the shorter history
						progress = true;
					}
				}
			}
		}
		return current;
	}

	/** The actions without [from, to): steps of sessions begun there go too, later sessions are renumbered. */
	static List<Action> without(List<Action> actions, int from, int to) {
		List<Integer> sessionIds = new ArrayList<>(); // old session number -> new, -1 when removed
		List<Action> out = new ArrayList<>();
		int kept = 0;
		for ( int i = 0; i < actions.size(); i++ ) {
			Action a = actions.get( i );
			boolean removed = i >= from && i < to;
			if ( a.verb().equals( "begin" ) ) {
				sessionIds.add( removed ? -1 : kept++ );
			}
			if ( removed ) {
				continue;
			}
			if ( a.verb().equals( "step" ) ) {
				int old = a.intA();
				if ( old >= sessionIds.size() || sessionIds.get( old ) < 0 ) {
					continue;
				}
				a = new Action( "step", Integer.toString( sessionIds.get( old ) ), a.b(), a.c() );
			}
			out.add( a );
		}
		return out;
	}

	/** The shrunk sequence as a test method to paste into ExplorerReplayTest. */
	static String junitSource(String scriptsName, Failure failure, List<Action> actions, String violation) {
		String list = actions.stream().map( a -> "\t\t\t\t\"" + a + "\"" ).collect( Collectors.joining( ",\n" ) );
		return "\t/** " + failure.world() + " (scripts " + scriptsName + ").\n\t * " + violation + " */\n"
				+ "\t@Test\n\tvoid replaySeed" + Long.toUnsignedString( failure.seed() ) + "(RedisServerProcess redis) {\n"
				+ "\t\tExplorerReplay.assertHolds( redis, " + failure.seed() + "L,\n" + list + " );\n\t}\n";
	}

	static long seedOf(long baseSeed, long n) {
		long z = baseSeed + n * 0x9E3779B97F4A7C15L; // SplitMix64: independent seeds for consecutive worlds
		z = ( z ^ ( z >>> 30 ) ) * 0xBF58476D1CE4E5B9L;
		z = ( z ^ ( z >>> 27 ) ) * 0x94D049BB133111EBL;
		return ( z ^ ( z >>> 31 ) ) & Long.MAX_VALUE;
	}

	private String prefix() {
		return "x" + scripts.name() + ":" + runs++;
	}

	private Jedis connect() {
		Jedis jedis = new Jedis( redis.host(), redis.port() );
		redis.password().ifPresent( jedis::auth );
		return jedis;
	}

	@SuppressWarnings("unchecked")
	private static Response<Object> cast(Response<?> r) {
		return (Response<Object>) r;
	}

	private static Object reply(Response<Object> r) {
		try {
			return r.get();
		}
		catch (JedisDataException e) {
			return e;
		}
	}
}
