/** Region generations: bulk eviction and bulk updates seen by every node, and the query cache around them. */
package dev.redisl2.it.regions;
