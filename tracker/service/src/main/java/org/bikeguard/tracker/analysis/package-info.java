/**
 * Investigative analysis over the stored sightings: companion analysis (which tags travel with a
 * tag, scored against each station's background traffic) and fence-den detection (where stolen
 * bikes' trails end or dwell at night, scored as hot spots over the station graph with
 * Getis-Ord Gi*). Owns {@code /api/v1/police/companions} and {@code /api/v1/police/dens}; every
 * query is audited before data is read. The companions of a stolen tag's last hour also come with
 * its alarm ({@link org.bikeguard.tracker.analysis.AlarmCompanions}).
 */
package org.bikeguard.tracker.analysis;
