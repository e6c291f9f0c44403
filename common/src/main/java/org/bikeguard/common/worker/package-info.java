/**
 * The one serial worker: {@link org.bikeguard.common.worker.SerialWorker}, a named daemon thread
 * that drains a bounded queue in offer order, one item or one batch at a time, with explicit
 * rejection when full and a clean, idempotent close. The tracker's frame log, applier, alarm hub,
 * alarm store and pattern detector each own one.
 */
package org.bikeguard.common.worker;
