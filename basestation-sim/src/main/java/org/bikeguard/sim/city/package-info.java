/**
 * The seeded synthetic city: roads, districts, places, stations and signals, owners and bikes
 * with their papers.
 */
package org.bikeguard.sim.city;
