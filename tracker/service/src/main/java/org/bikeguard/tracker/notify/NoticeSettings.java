package org.bikeguard.tracker.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bikeguard.common.config.ConfigException;
import org.bikeguard.common.config.Settings;

/**
 * How owner notices leave the tracker. Immutable and thread-safe.
 *
 * @param gateway     {@code BIKEGUARD_NOTICE_GATEWAY}: {@code log} (default: a JSON line per notice in
 *                    {@code BIKEGUARD_DATA_DIR/notices.log}), {@code sms} or {@code wechat}
 * @param url         {@code BIKEGUARD_NOTICE_URL}: the SMS provider's or the WeChat relay's HTTP
 *                    endpoint (required for {@code sms} and {@code wechat})
 * @param apiKey      {@code BIKEGUARD_NOTICE_API_KEY}: sent as {@code Authorization: Bearer}; a secret,
 *                    never logged
 * @param templateId  {@code BIKEGUARD_NOTICE_TEMPLATE}: the WeChat template id (or SMS sign name)
 * @param retryBase   {@code BIKEGUARD_NOTICE_RETRY_S}: back-off after the first failure, doubled after
 *                    each further one (at most one hour); default 30 s
 * @param maxAttempts {@code BIKEGUARD_NOTICE_MAX_ATTEMPTS}: attempts before a notice is {@code failed};
 *                    default 8
 */
public record NoticeSettings(
        String gateway,
        Optional<URI> url,
        Optional<String> apiKey,
        String templateId,
        Duration retryBase,
        int maxAttempts) {

    /** The log gateway, 30 s back-off, 8 attempts. */
    public static final NoticeSettings DEFAULT =
            new NoticeSettings("log", Optional.empty(), Optional.empty(), "", Duration.ofSeconds(30), 8);

    public NoticeSettings {
        Objects.requireNonNull(gateway, "gateway");
        if (!gateway.equals("log") && !gateway.equals("sms") && !gateway.equals("wechat")) {
            throw new ConfigException("BIKEGUARD_NOTICE_GATEWAY must be log, sms or wechat, got " + gateway);
        }
        if (!gateway.equals("log") && url.isEmpty()) {
            throw new ConfigException("BIKEGUARD_NOTICE_URL is required for the " + gateway + " gateway");
        }
        if (retryBase.isNegative() || retryBase.isZero()) {
            throw new ConfigException("BIKEGUARD_NOTICE_RETRY_S must be > 0");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new ConfigException("BIKEGUARD_NOTICE_MAX_ATTEMPTS must be within 1..100, got " + maxAttempts);
        }
    }

    /** Reads the {@code BIKEGUARD_NOTICE_*} keys. */
    public static NoticeSettings from(Settings s) {
        Optional<URI> url = s.string("BIKEGUARD_NOTICE_URL").map(String::trim).map(u -> {
            try {
                URI uri = URI.create(u);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("not http(s)");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new ConfigException("BIKEGUARD_NOTICE_URL must be an http(s) URL, got " + u);
            }
        });
        return new NoticeSettings(
                s.string("BIKEGUARD_NOTICE_GATEWAY", "log").trim().toLowerCase(Locale.ROOT),
                url,
                s.string("BIKEGUARD_NOTICE_API_KEY"),
                s.string("BIKEGUARD_NOTICE_TEMPLATE", ""),
                Duration.ofSeconds(s.integer("BIKEGUARD_NOTICE_RETRY_S", 30)),
                s.integer("BIKEGUARD_NOTICE_MAX_ATTEMPTS", 8));
    }

    /** For the start-up summary: no secret. */
    public String summary() {
        return "notices=" + gateway + url.map(u -> "(" + u.getHost() + ")").orElse("");
    }

    @Override
    public String toString() {
        return "NoticeSettings[gateway=" + gateway + ", url=" + url.orElse(null) + ", apiKey=***, templateId="
                + templateId + ", retryBase=" + retryBase + ", maxAttempts=" + maxAttempts + "]";
    }
}
