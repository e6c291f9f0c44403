/**
 * Owner notices: a transactional outbox fed from new violations (and from zone rules), delivered
 * through one {@link org.bikeguard.tracker.notify.NoticeGateway} port (SMS, WeChat template
 * messages, or a log file by default) with retries and back-off.
 */
package org.bikeguard.tracker.notify;
