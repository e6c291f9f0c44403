package org.bikeguard.tracker.ingest;

import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 callback that hands the server's DISCONNECT (or the lost connection) to a future. */
final class DisconnectWatcher implements MqttCallback {

    private final CompletableFuture<MqttDisconnectResponse> gone;

    DisconnectWatcher(CompletableFuture<MqttDisconnectResponse> gone) {
        this.gone = gone;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        gone.complete(response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void messageArrived(String topic, MqttMessage message) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
