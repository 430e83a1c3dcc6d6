/**
 * Checks that hold on every supported Hibernate ORM and Jedis version: the provider's bytecode links
 * against the versions on the class path, and SessionFactories that do not use the provider are left
 * alone. The compat modules run them, with a subset of the integration tests, on each version line.
 */
package dev.redisl2.it.compat;
