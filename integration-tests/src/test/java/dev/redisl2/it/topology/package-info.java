/**
 * The provider on Redis Cluster and Sentinel: key spread, the one-slot read path, region operations,
 * failover and resharding under a two-node workload, and topology settings.
 */
package dev.redisl2.it.topology;
