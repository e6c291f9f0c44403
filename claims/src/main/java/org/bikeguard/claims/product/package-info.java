/**
 * Products as versioned data: the anti-theft service and the liability cover with their prices,
 * waiting periods and limits.
 */
package org.bikeguard.claims.product;
