/**
 * The registry of owners, bikes, tags, replacement requests and installation appointments: the
 * stores (blocking JDBC), the ID-number vault, their rules ({@link
 * org.bikeguard.tracker.registry.RegistryException}) and their HTTP routes (staff, owner
 * self-service, public checks). Tells other features about tag and plate changes through
 * {@link org.bikeguard.tracker.registry.BikeChangeListener}.
 */
package org.bikeguard.tracker.registry;
