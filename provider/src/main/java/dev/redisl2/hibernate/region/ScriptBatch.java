package dev.redisl2.hibernate.region;

import dev.redisl2.hibernate.compat.JedisClients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.redisl2.hibernate.redis.LuaScript;

import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * One Lua script called on many keys in a single pipeline: one round trip per master (a cluster pipeline
 * groups the calls by slot owner and sends to the masters in parallel). Calls a node answers with NOSCRIPT
 * are sent again, pipelined, with the script body; calls redirected by a slot migration go through the
 * client, which follows MOVED/ASK. Any other error reply throws: the caller's batch failed as a whole.
 */
final class ScriptBatch {

	private ScriptBatch() {
	}

	/** Replies in the order of {@code keys}; {@code args.get(i)} goes with {@code keys.get(i)}. */
	static List<Object> run(UnifiedJedis client, LuaScript script, List<byte[]> keys, List<List<byte[]>> args) {
		Object[] replies = new Object[keys.size()];
		List<Integer> all = new ArrayList<>( keys.size() );
		for ( int i = 0; i < keys.size(); i++ ) {
			all.add( i );
		}
		Unanswered first = send( client, script, keys, args, all, false, replies );
		List<Integer> viaClient = new ArrayList<>( first.redirected() );
		if ( !first.noScript().isEmpty() ) {
			viaClient.addAll( send( client, script, keys, args, first.noScript(), true, replies ).redirected() );
		}
		for ( int i : viaClient ) {
			replies[i] = script.eval( client, List.of( keys.get( i ) ), args.get( i ) );
		}
		return Arrays.asList( replies );
	}

	private record Unanswered(List<Integer> noScript, List<Integer> redirected) {
	}

	private static Unanswered send(UnifiedJedis client, LuaScript script, List<byte[]> keys, List<List<byte[]>> args,
			List<Integer> which, boolean withBody, Object[] replies) {
		List<Response<Object>> pending = new ArrayList<>( which.size() );
		try ( var pipeline = JedisClients.pipelined( client ) ) { // one binary signature on every Jedis
			for ( int i : which ) {
				List<byte[]> key = List.of( keys.get( i ) );
				pending.add( withBody ? script.eval( pipeline, key, args.get( i ) ) : script.evalsha( pipeline, key, args.get( i ) ) );
			}
			pipeline.sync();
		}
		List<Integer> noScript = new ArrayList<>();
		List<Integer> redirected = new ArrayList<>();
		for ( int j = 0; j < which.size(); j++ ) {
			int i = which.get( j );
			try {
				replies[i] = pending.get( j ).get();
			}
			catch (JedisNoScriptException e) {
				noScript.add( i );
			}
			catch (JedisRedirectionException e) {
				redirected.add( i );
			}
			catch (JedisDataException e) {
				if ( e.getMessage() == null || !e.getMessage().startsWith( "TRYAGAIN" ) ) {
					throw e;
				}
				redirected.add( i );
			}
		}
		return new Unanswered( noScript, redirected );
	}
}
