/**
 * Starting the provider: fail-fast configuration, refused access types, application-supplied clients,
 * and per-region options such as the negative cache and minimal puts.
 */
package dev.redisl2.it.bootstrap;
