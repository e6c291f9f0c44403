/**
 * The HTTP toolkit and the one error contract of the tracker and claims: the exception hierarchy
 * that says whose fault a failure is ({@link org.bikeguard.common.web.ApiException} and its
 * subclasses), the failure handler that maps every failure to {@code {"code","message","details"}}
 * ({@link org.bikeguard.common.web.ApiErrors}, codes in {@link org.bikeguard.common.web.ErrorCodes}),
 * JSON bodies, request parameters (ISO-8601 instants, ids), JSON answers, bounded blocking work and
 * router assembly. Imports nothing of any feature.
 */
package org.bikeguard.common.web;
