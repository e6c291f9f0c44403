/**
 * Running a city: options, the simulated window, provisioning, exports and progress.
 */
package org.bikeguard.sim.run;
