package dev.redisl2.it.explorer;

import java.util.List;

import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** One Redis command a simulated node sends: a script call, or the plain commands of the environment. */
record Command(Type type, List<byte[]> keys, List<byte[]> args) {

	enum Type { ENTRY_SCRIPT, REGION_SCRIPT, EVICT_UNLESS_LIVE_LOCK, MGET, DEL }

	Response<?> queue(Pipeline pipeline, ScriptCalls.Scripts scripts) {
		return switch ( type ) {
			case ENTRY_SCRIPT -> pipeline.evalsha( scripts.entrySha(), keys, args );
			case REGION_SCRIPT -> pipeline.evalsha( scripts.regionSha(), keys, args );
			case EVICT_UNLESS_LIVE_LOCK -> pipeline.evalsha( scripts.evictSha(), keys, args );
			case MGET -> pipeline.mget( keys.toArray( new byte[0][] ) );
			case DEL -> pipeline.del( keys.toArray( new byte[0][] ) );
		};
	}
}
