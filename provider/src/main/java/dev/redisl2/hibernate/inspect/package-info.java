/**
 * A command-line inspector that prints a cache entry as readable JSON, whatever its entry format: format 2
 * payloads are binary, and an operator must still be able to see what a key holds.
 */
package dev.redisl2.hibernate.inspect;
