/**
 * The few places where Hibernate ORM 6.6 and 7.0 to 7.4, and Jedis 6.0 to 8.x, differ in what the provider
 * calls. The provider is compiled against the newest lines; everything that does not exist, or does not
 * have the same binary signature, in every supported version is reached only through this package, which
 * resolves it once, when the class is first used. {@link SupportedVersions} refuses an unsupported
 * Hibernate or Jedis at bootstrap, naming the supported range, so that no version mismatch can surface as
 * a {@code NoSuchMethodError} in a user's transaction.
 */
package dev.redisl2.hibernate.compat;
