package dev.redisl2.hibernate.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script shipped as a {@code .lua} resource, called by its SHA-1. When Redis does not know the
 * script (first call, restart, failover, {@code SCRIPT FLUSH}) the call falls back to {@code EVAL},
 * which also loads it: one extra round trip, once, and no separate loading step that could be lost.
 */
public final class LuaScript {

	private final String name;
	private final byte[] body;
	private final byte[] sha;

	private LuaScript(String name, byte[] body) {
		this.name = name;
		this.body = body;
		this.sha = sha1Hex( body ).getBytes( StandardCharsets.US_ASCII );
	}

	public static LuaScript load(String resourceName) {
		String path = "/dev/redisl2/hibernate/lua/" + resourceName;
		try ( InputStream in = LuaScript.class.getResourceAsStream( path ) ) {
			if ( in == null ) {
				throw new IllegalStateException( "Missing script resource " + path );
			}
			return new LuaScript( resourceName, in.readAllBytes() );
		}
		catch (IOException e) {
			throw new IllegalStateException( "Cannot read script resource " + path, e );
		}
	}

	public Object eval(UnifiedJedis client, List<byte[]> keys, List<byte[]> args) {
		try {
			return client.evalsha( sha, keys, args );
		}
		catch (JedisNoScriptException e) {
			return client.eval( body, keys, args );
		}
	}

	/** Queues an {@code EVALSHA} in a pipeline; its response fails with NOSCRIPT where the script is not loaded. */
	public Response<Object> evalsha(AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> args) {
		return pipeline.evalsha( sha, keys, args );
	}

	/** Queues an {@code EVAL} (which also loads the script) in a pipeline. */
	public Response<Object> eval(AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> args) {
		return pipeline.eval( body, keys, args );
	}

	public String name() {
		return name;
	}

	private static String sha1Hex(byte[] body) {
		try {
			return HexFormat.of().formatHex( MessageDigest.getInstance( "SHA-1" ).digest( body ) );
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException( e );
		}
	}
}
