package dev.redisl2.hibernate.config;

import org.hibernate.cache.CacheException;

/** A setting that cannot be used; the message always names the setting and never echoes a secret. */
public final class InvalidSettingException extends CacheException {

	/**
	 * @param setting the full name of the setting, e.g. {@code hibernate.cache.redis.ttl}
	 * @param problem what is wrong with its value, without quoting a secret
	 */
	public InvalidSettingException(String setting, String problem) {
		super( "Invalid value for '" + setting + "': " + problem );
	}
}
