/** Two deployments with different shapes of one entity sharing a Redis during a rolling upgrade. */
package dev.redisl2.it.rolling;
