package org.bikeguard.tracker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests in {@code ops/k8s} parse, and say what the tracker expects: the ports
 * are the defaults of {@link ConfigLoader}, readiness is {@code /health}, Hazelcast discovery
 * points at the headless Service, only tracker pods reach the Hazelcast port, and the selectors of
 * the Services, the disruption budget and the network policy match the StatefulSet's pods.
 */
class K8sManifestsTest {

    /** The manifests, relative to this module (surefire runs in the module's directory). */
    private static final Path DIR = Path.of("..", "..", "ops", "k8s");

    private static final List<Map<String, Object>> DOCS = new ArrayList<>();
    private static final Map<String, List<String>> FILES_OF_KIND = new HashMap<>();
    private static TrackerConfig defaults;

    @BeforeAll
    static void load() throws IOException {
        assertTrue(Files.isDirectory(DIR), "no " + DIR.toAbsolutePath());
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
                for (Object doc : yaml.loadAll(Files.readString(f))) {
                    Map<String, Object> m = map(doc);
                    assertNotNull(m.get("apiVersion"), f + ": apiVersion");
                    String kind = str(m.get("kind"));
                    FILES_OF_KIND
                            .computeIfAbsent(kind, k -> new ArrayList<>())
                            .add(f.getFileName().toString());
                    if (!kind.equals("Kustomization")) {
                        assertNotNull(map(m.get("metadata")).get("name"), f + ": metadata.name");
                    }
                    DOCS.add(m);
                }
            }
        }
        defaults = ConfigLoader.fromMap(Map.of("HOME", System.getProperty("java.io.tmpdir")));
    }

    @Test
    void kustomizationListsEveryManifestButTheSecretsExample() throws IOException {
        Map<String, Object> k = only("Kustomization", null);
        Set<String> listed = new TreeSet<>();
        for (Object r : list(k.get("resources"))) {
            listed.add(str(r));
        }
        Set<String> files = new TreeSet<>();
        try (Stream<Path> all = Files.list(DIR)) {
            all.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !n.equals("kustomization.yaml") && !n.endsWith(".example.yaml"))
                    .forEach(files::add);
        }
        assertEquals(files, listed);
        assertEquals(
                List.of("secrets.example.yaml", "secrets.example.yaml", "secrets.example.yaml"),
                FILES_OF_KIND.get("Secret"));
    }

    @Test
    void containerPortsAndConfigMapAreTheConfigLoaderDefaults() {
        Map<String, Integer> ports = new HashMap<>();
        for (Object p : list(container().get("ports"))) {
            ports.put(str(map(p).get("name")), (Integer) map(p).get("containerPort"));
        }
        assertEquals(
                Map.of("http", defaults.httpPort(), "mqtt", defaults.mqttPort(), "hazelcast", defaults.hzPort()),
                ports);
        Map<String, Object> data = map(only("ConfigMap", "bikeguard-config").get("data"));
        assertEquals(String.valueOf(defaults.httpPort()), data.get("BIKEGUARD_HTTP_PORT"));
        assertEquals(String.valueOf(defaults.mqttPort()), data.get("BIKEGUARD_MQTT_PORT"));
        assertEquals(String.valueOf(defaults.hzPort()), data.get("BIKEGUARD_HZ_PORT"));
        assertEquals(String.valueOf(defaults.bucketCount()), data.get("BIKEGUARD_BUCKETS"));
        for (Object v : data.values()) {
            assertTrue(v instanceof String, "ConfigMap values are strings: " + v);
        }
        assertTrue(str(data.get("JAVA_OPTS")).contains("-Xmx"), "JAVA_OPTS bounds the heap");
        Object from = map(list(container().get("envFrom")).get(0)).get("configMapRef");
        assertEquals("bikeguard-config", map(from).get("name"));
        // The whole configuration must load as the tracker loads it.
        Map<String, String> env = new HashMap<>();
        data.forEach((k, v) -> env.put(k, str(v)));
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        env.put("BIKEGUARD_HZ_K8S_SERVICE_DNS", "bikeguard-hazelcast.ns.svc.cluster.local");
        env.put("BIKEGUARD_HZ_INTERFACE", "10.42.0.17");
        env.put("BIKEGUARD_DB_URL", "jdbc:postgresql://db:5432/bikeguard");
        assertTrue(ConfigLoader.fromMap(env).clustered());
    }

    @Test
    void probesUseHealthOnTheHttpPort() {
        Map<String, Object> c = container();
        Map<String, Object> readiness = map(map(c.get("readinessProbe")).get("httpGet"));
        assertEquals("/health", readiness.get("path"));
        assertEquals("http", readiness.get("port"));
        Map<String, Object> startup = map(map(c.get("startupProbe")).get("httpGet"));
        assertEquals("/health", startup.get("path"));
        Map<String, Object> liveness = map(map(c.get("livenessProbe")).get("httpGet"));
        assertEquals("/health/live", liveness.get("path"), "a database outage must not restart the members");
        assertEquals("http", liveness.get("port"));
        Map<String, Object> resources = map(c.get("resources"));
        assertNotNull(map(resources.get("requests")).get("cpu"));
        assertNotNull(map(resources.get("limits")).get("memory"));
    }

    @Test
    void hazelcastFindsTheMembersThroughTheHeadlessServiceAndBindsToThePodIp() {
        Map<String, Object> headless = only("Service", "bikeguard-hazelcast");
        Map<String, Object> spec = map(headless.get("spec"));
        assertEquals("None", spec.get("clusterIP"));
        assertEquals(Boolean.TRUE, spec.get("publishNotReadyAddresses"), "members join before they are ready");
        assertTrue(podLabelsContain(map(spec.get("selector"))));
        Map<String, Object> port = map(list(spec.get("ports")).get(0));
        assertEquals(defaults.hzPort(), port.get("port"));
        assertEquals("hazelcast", port.get("targetPort"));
        assertEquals("bikeguard-hazelcast", map(statefulSet().get("spec")).get("serviceName"));

        Map<String, Map<String, Object>> env = env();
        String dns = str(env.get("BIKEGUARD_HZ_K8S_SERVICE_DNS").get("value"));
        assertTrue(dns.startsWith("bikeguard-hazelcast."), dns);
        assertTrue(dns.contains("$(POD_NAMESPACE)"), dns);
        assertEquals(
                "metadata.namespace",
                map(map(env.get("POD_NAMESPACE").get("valueFrom")).get("fieldRef"))
                        .get("fieldPath"));
        List<String> names = new ArrayList<>(env.keySet());
        assertTrue(
                names.indexOf("POD_NAMESPACE") < names.indexOf("BIKEGUARD_HZ_K8S_SERVICE_DNS"),
                "a variable is expanded only when defined earlier");
        assertEquals(
                "status.podIP",
                map(map(env.get("BIKEGUARD_HZ_INTERFACE").get("valueFrom")).get("fieldRef"))
                        .get("fieldPath"));
        assertFalse(env.containsKey("BIKEGUARD_HZ_MEMBERS"), "discovery, not a member list");
    }

    @Test
    void secretsComeFromSecrets() {
        Map<String, Map<String, Object>> env = env();
        for (String key : List.of("BIKEGUARD_DB_URL", "BIKEGUARD_DB_PASSWORD", "BIKEGUARD_ADMIN_PASSWORD")) {
            Map<String, Object> ref = map(map(env.get(key).get("valueFrom")).get("secretKeyRef"));
            assertNotNull(ref.get("name"), key);
            assertFalse(env.get(key).containsKey("value"), key + " has no literal value");
        }
        assertEquals(
                "bikeguard-db",
                map(map(env.get("BIKEGUARD_DB_URL").get("valueFrom")).get("secretKeyRef"))
                        .get("name"));
    }

    @Test
    void everyMemberReadsTheOneKeyFileFromASecretMountedOutsideTheDataDir() {
        Map<String, Map<String, Object>> env = env();
        Path keysFile = Path.of(str(env.get("BIKEGUARD_KEYS_FILE").get("value")));
        Map<String, Object> keysMount = null;
        String dataMount = null;
        for (Object m : list(container().get("volumeMounts"))) {
            Map<String, Object> mount = map(m);
            if (keysFile.getParent().toString().equals(mount.get("mountPath"))) {
                keysMount = mount;
            }
            if (str(mount.get("mountPath"))
                    .equals(map(only("ConfigMap", "bikeguard-config").get("data"))
                            .get("BIKEGUARD_DATA_DIR"))) {
                dataMount = str(mount.get("name"));
            }
        }
        assertNotNull(keysMount, "a volume mounted at " + keysFile.getParent());
        assertNotNull(dataMount, "the data dir is a volume of its own");
        assertEquals(Boolean.TRUE, keysMount.get("readOnly"));
        assertFalse(keysMount.containsKey("subPath"), "a subPath mount never sees a rotated Secret");
        Map<String, Object> volume = null;
        for (Object v : list(map(podTemplate().get("spec")).get("volumes"))) {
            if (keysMount.get("name").equals(map(v).get("name"))) {
                volume = map(map(v).get("secret"));
            }
        }
        assertNotNull(volume, "the key file's volume is a Secret");
        assertEquals("bikeguard-keys", volume.get("secretName"));
        assertEquals(0, ((Integer) volume.get("defaultMode")) & 0007, "nobody but owner and group reads the keys");
        boolean exampleHasIt = DOCS.stream()
                .filter(d -> "Secret".equals(d.get("kind")))
                .anyMatch(d -> "bikeguard-keys".equals(map(d.get("metadata")).get("name"))
                        && map(d.get("stringData"))
                                .containsKey(keysFile.getFileName().toString()));
        assertTrue(exampleHasIt, "secrets.example.yaml shows the key file's Secret");
        // the tracker accepts it: the key file lies outside the data dir
        Map<String, String> cfg = new HashMap<>();
        map(only("ConfigMap", "bikeguard-config").get("data")).forEach((k, v) -> cfg.put(k, str(v)));
        cfg.put("BIKEGUARD_KEYS_FILE", keysFile.toString());
        assertEquals(keysFile, ConfigLoader.fromMap(cfg).keysFile());
    }

    @Test
    void onlyTrackerPodsReachTheHazelcastPort() {
        Map<String, Object> spec = map(only("NetworkPolicy", null).get("spec"));
        assertTrue(podLabelsContain(map(map(spec.get("podSelector")).get("matchLabels"))));
        assertEquals(List.of("Ingress"), spec.get("policyTypes"));
        int hazelcastRules = 0;
        for (Object r : list(spec.get("ingress"))) {
            Map<String, Object> rule = map(r);
            assertNotNull(rule.get("ports"), "a rule without ports would open every port: " + rule);
            boolean hazelcast = list(rule.get("ports")).stream()
                    .anyMatch(p -> Integer.valueOf(defaults.hzPort()).equals(map(p).get("port")));
            if (!hazelcast) {
                continue;
            }
            hazelcastRules++;
            assertNotNull(rule.get("from"), "the Hazelcast port is not open to all");
            for (Object peer : list(rule.get("from"))) {
                Map<String, Object> p = map(peer);
                assertEquals(Set.of("podSelector"), p.keySet(), "tracker pods of this namespace only: " + p);
                assertTrue(podLabelsContain(map(map(p.get("podSelector")).get("matchLabels"))));
            }
        }
        assertEquals(1, hazelcastRules);
        Set<Object> open = new TreeSet<>();
        for (Object r : list(spec.get("ingress"))) {
            if (map(r).get("from") == null) {
                list(map(r).get("ports")).forEach(p -> open.add(map(p).get("port")));
            }
        }
        assertEquals(new TreeSet<>(Set.of(defaults.httpPort(), defaults.mqttPort())), open);
    }

    @Test
    void theDisruptionBudgetAndTheServicesSelectTheStatefulSetsPods() {
        Map<String, Object> sts = map(statefulSet().get("spec"));
        Map<String, Object> selector = map(map(sts.get("selector")).get("matchLabels"));
        assertTrue(podLabelsContain(selector));
        Map<String, Object> pdb = map(only("PodDisruptionBudget", null).get("spec"));
        assertEquals(1, pdb.get("maxUnavailable"));
        assertEquals(selector, map(map(pdb.get("selector")).get("matchLabels")));
        assertEquals("RollingUpdate", map(sts.get("updateStrategy")).get("type"));
        assertEquals("OrderedReady", sts.get("podManagementPolicy"), "a new cluster never forms as islands");
        assertTrue((Integer) sts.get("minReadySeconds") > 0, "time for partitions to migrate between members");

        Map<String, Object> mqtt = map(only("Service", "bikeguard-mqtt").get("spec"));
        assertEquals("LoadBalancer", mqtt.get("type"));
        assertTrue(podLabelsContain(map(mqtt.get("selector"))));
        Map<String, Object> mqttPort = map(list(mqtt.get("ports")).get(0));
        assertEquals(defaults.mqttPort(), mqttPort.get("port"));
        assertEquals("mqtt", mqttPort.get("targetPort"));
        Map<String, Object> http = map(only("Service", "bikeguard-http").get("spec"));
        assertTrue(podLabelsContain(map(http.get("selector"))));
        assertEquals("http", map(list(http.get("ports")).get(0)).get("targetPort"));
    }

    // ---- helpers

    private static Map<String, Object> statefulSet() {
        return only("StatefulSet", "bikeguard-tracker");
    }

    private static Map<String, Object> podTemplate() {
        return map(map(statefulSet().get("spec")).get("template"));
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(map(podTemplate().get("spec")).get("containers"));
        assertEquals(1, containers.size());
        return map(containers.get(0));
    }

    /** The container's env entries by name, in their order. */
    private static Map<String, Map<String, Object>> env() {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Object e : list(container().get("env"))) {
            out.put(str(map(e).get("name")), map(e));
        }
        return out;
    }

    /** Whether every label of {@code selector} is on the StatefulSet's pods (and it is not empty). */
    private static boolean podLabelsContain(Map<String, Object> selector) {
        Map<String, Object> labels = map(map(podTemplate().get("metadata")).get("labels"));
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** The one document of {@code kind} (named {@code name}, unless null). */
    private static Map<String, Object> only(String kind, String name) {
        List<Map<String, Object>> found = DOCS.stream()
                .filter(d -> kind.equals(d.get("kind")))
                .filter(d -> name == null || name.equals(map(d.get("metadata")).get("name")))
                .toList();
        assertEquals(1, found.size(), kind + " " + name);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "expected a mapping, got " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertTrue(o instanceof List, "expected a sequence, got " + o);
        return (List<Object>) o;
    }

    private static String str(Object o) {
        assertTrue(o instanceof String, "expected a string, got " + o);
        return (String) o;
    }
}
