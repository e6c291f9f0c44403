/**
 * Small pieces shared by the tracker, claims, the simulator and the benchmarks. Each sub-package
 * is one tool (HTTP toolkit and error contract, configuration loading, serial worker,
 * command-line flags, the start-up advisory lock) and imports nothing of any feature module.
 */
package org.bikeguard.common;
