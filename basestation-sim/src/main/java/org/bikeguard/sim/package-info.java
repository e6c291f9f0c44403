/**
 * The base-station simulator's entry point ({@code ops/sim}): the city, load and score
 * subcommands.
 */
package org.bikeguard.sim;
