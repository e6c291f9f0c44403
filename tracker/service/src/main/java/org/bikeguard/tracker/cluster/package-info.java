/**
 * The cluster as one tracker: which member leads (the oldest), how a member joins without
 * touching live state ({@link org.bikeguard.tracker.cluster.HotStateGate}), what members publish
 * of their progress ({@link org.bikeguard.tracker.cluster.MemberProgress}) and the leader's jobs
 * ({@link org.bikeguard.tracker.cluster.ClusterJobs}: taking over a dead member's lane, the
 * event-time sweep over every member's station clocks, checkpoints).
 */
package org.bikeguard.tracker.cluster;
