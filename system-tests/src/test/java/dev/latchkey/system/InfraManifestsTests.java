package dev.latchkey.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses every deployment manifest in {@code infra/} and checks what an operator relies
 * on: probes, non-root, read-only root filesystem, limits, no secret value inline, the
 * pieces of a highly available deployment.
 */
class InfraManifestsTests {

	private static final Path INFRA = Path.of("..", "infra");

	private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|KEK|TOKEN|PRIVATE).*");

	private static List<Map<String, Object>> documents;

	@BeforeAll
	static void parseAll() throws IOException {
		documents = new ArrayList<>();
		try (Stream<Path> files = Files.walk(INFRA.resolve("k8s"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).toList()) {
				for (Object document : new Yaml().loadAll(Files.readString(file))) {
					assertThat(document).as("a YAML mapping in %s", file).isInstanceOf(Map.class);
					documents.add(map(document));
				}
			}
		}
	}

	@Test
	void kustomizationsWhenReadThenEveryResourceFileExists() throws IOException {
		try (Stream<Path> files = Files.walk(INFRA.resolve("k8s"))) {
			for (Path kustomization : files.filter((f) -> f.getFileName().toString().equals("kustomization.yaml"))
				.toList()) {
				Map<String, Object> content = map(new Yaml().load(Files.readString(kustomization)));
				for (Object resource : list(content.get("resources"))) {
					assertThat(kustomization.getParent().resolve((String) resource)).as("resource of %s", kustomization)
						.exists();
				}
			}
		}
	}

	@Test
	void deploymentsWhenCheckedThenProbesNonRootReadOnlyAndLimits() {
		List<Map<String, Object>> deployments = ofKind("Deployment");
		assertThat(deployments).hasSizeGreaterThanOrEqualTo(2);
		for (Map<String, Object> deployment : deployments) {
			Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
			assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);
			assertThat(pod).containsEntry("automountServiceAccountToken", false);
			for (Object item : list(pod.get("containers"))) {
				Map<String, Object> container = map(item);
				String name = (String) container.get("name");
				assertThat(container).as(name).containsKeys("readinessProbe", "livenessProbe");
				Map<String, Object> security = map(container.get("securityContext"));
				assertThat(security).as(name)
					.containsEntry("readOnlyRootFilesystem", true)
					.containsEntry("allowPrivilegeEscalation", false)
					.containsEntry("runAsNonRoot", true);
				Map<String, Object> resources = map(container.get("resources"));
				assertThat(map(resources.get("requests"))).as(name).containsKeys("cpu", "memory");
				assertThat(map(resources.get("limits"))).as(name).containsKey("memory");
				assertThat(String.valueOf(container.get("image"))).as(name).doesNotEndWith(":latest").contains(":");
				for (Object env : list(container.get("env"))) {
					Map<String, Object> variable = map(env);
					String variableName = (String) variable.get("name");
					if (SECRET_NAME.matcher(variableName).matches() && !variableName.endsWith("_FILE")) {
						assertThat(variable).as("secret %s must come from a Secret or a file", variable.get("name"))
							.doesNotContainKey("value");
					}
				}
			}
		}
	}

	@Test
	void authServerWhenCheckedThenHighlyAvailable() {
		Map<String, Object> deployment = named("Deployment", "auth-server");
		assertThat((Integer) map(deployment.get("spec")).get("replicas")).isGreaterThanOrEqualTo(3);
		assertThat(named("PodDisruptionBudget", "auth-server")).isNotNull();
		assertThat(named("HorizontalPodAutoscaler", "auth-server")).isNotNull();
		assertThat(named("NetworkPolicy", "auth-server")).isNotNull();
		Map<String, Object> database = named("Cluster", "latchkey-db");
		assertThat((Integer) map(database.get("spec")).get("instances")).isGreaterThanOrEqualTo(3);
		Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
		Map<String, Object> container = map(list(pod.get("containers")).get(0));
		assertThat(map(map(container.get("readinessProbe")).get("httpGet"))).containsEntry("path",
				"/actuator/health/readiness");
	}

	@Test
	void manifestsWhenScannedThenNoSecretObjectsWithValues() {
		assertThat(ofKind("Secret")).as("Secrets come from the cluster's secret manager, never from git").isEmpty();
	}

	@Test
	void containerfilesWhenReadThenNonRootWithHealthCheck() throws IOException {
		try (Stream<Path> files = Files.list(INFRA.resolve("containers"))) {
			List<Path> containerfiles = files.filter((f) -> f.toString().endsWith("Containerfile")).toList();
			assertThat(containerfiles).hasSize(2);
			for (Path file : containerfiles) {
				String content = Files.readString(file);
				assertThat(content).as(file.toString())
					.contains("USER 10001")
					.contains("HEALTHCHECK")
					.contains("--layers")
					.doesNotContain("USER root");
			}
		}
	}

	private static List<Map<String, Object>> ofKind(String kind) {
		return documents.stream().filter((d) -> kind.equals(d.get("kind"))).toList();
	}

	private static Map<String, Object> named(String kind, String name) {
		return ofKind(kind).stream()
			.filter((d) -> name.equals(map(d.get("metadata")).get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " " + name));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? (List<Object>) list : List.of();
	}

}
