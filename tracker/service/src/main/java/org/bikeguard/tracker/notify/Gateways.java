package org.bikeguard.tracker.notify;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the configured {@link NoticeGateway}. */
public final class Gateways {

    private Gateways() {}

    /** @param dataDir where the log gateway writes {@code notices.log} */
    public static NoticeGateway of(NoticeSettings s, Path dataDir) {
        return switch (s.gateway()) {
            case "sms" -> HttpGateway.sms(s.url().orElseThrow(), s.apiKey(), s.templateId(), client());
            case "wechat" -> HttpGateway.wechat(s.url().orElseThrow(), s.apiKey(), s.templateId(), client());
            default -> new LogGateway(dataDir.resolve("notices.log"));
        };
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }
}
