package eu.interlink.jvm.docker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.AuthConfig;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.spec.SentObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code imagePullSecrets}: which registry credentials a pull of an image uses, as kubelet chooses them. */
class PullSecretsTest {

    @Test
    void aDockerConfigJsonSecretGivesItsAuthsUserAndPasswordToPullsFromItsRegistry() {
        PullSecrets secrets = of(configJson("regcred", "{\"auths\":{\"registry.example:5000\":{\"auth\":\""
                + base64("alice:s3cr:et") + "\"}}}"));

        AuthConfig auth = secrets.authFor("registry.example:5000/team/app:1.0").orElseThrow();

        assertThat(auth.getUsername()).isEqualTo("alice");
        assertThat(auth.getPassword()).isEqualTo("s3cr:et");
        assertThat(secrets.authFor("other.example/team/app:1.0")).isEmpty();
        assertThat(secrets.authFor("busybox")).isEmpty();
    }

    @Test
    void usernameAndPasswordFieldsAndIdentityTokensAreUsedAsGiven() {
        PullSecrets secrets = of(configJson("regcred", "{\"auths\":{"
                + "\"https://one.example\":{\"username\":\"bob\",\"password\":\"pw\"},"
                + "\"two.example\":{\"identitytoken\":\"token-2\"}}}"));

        assertThat(secrets.authFor("one.example/app").orElseThrow())
                .extracting(AuthConfig::getUsername, AuthConfig::getPassword).containsExactly("bob", "pw");
        assertThat(secrets.authFor("two.example/app").orElseThrow().getIdentitytoken()).isEqualTo("token-2");
    }

    @Test
    void dockerHubCredentialsAreUsedForImagesThatNameNoRegistryUnderAnyOfDockerHubsNames() {
        PullSecrets secrets = of(configJson("hub", "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + base64("hubuser:hubpass") + "\"}}}"));

        for (String image : new String[] {"busybox", "library/busybox:1", "docker.io/team/app",
                "index.docker.io/team/app"}) {
            assertThat(secrets.authFor(image)).as(image).hasValueSatisfying(
                    auth -> assertThat(auth.getUsername()).isEqualTo("hubuser"));
        }
        assertThat(secrets.authFor("quay.io/team/app")).isEmpty();
    }

    @Test
    void theKeyWithTheLongestMatchingRepositoryPathWinsAndAPathMatchesWholeComponentsOnly() {
        PullSecrets secrets = of(configJson("regcred", "{\"auths\":{"
                + "\"registry.example\":{\"username\":\"any\",\"password\":\"p\"},"
                + "\"registry.example/team\":{\"username\":\"team\",\"password\":\"p\"}}}"));

        assertThat(secrets.authFor("registry.example/team/app:1").orElseThrow().getUsername()).isEqualTo("team");
        assertThat(secrets.authFor("registry.example/teammate/app:1").orElseThrow().getUsername()).isEqualTo("any");
    }

    @Test
    void aLegacyDockercfgSecretIsReadToo() {
        Secret legacy = new SecretBuilder().withNewMetadata().withName("old").endMetadata()
                .withType("kubernetes.io/dockercfg")
                .withData(Map.of(".dockercfg", base64("{\"registry.example\":{\"auth\":\"" + base64("u:p")
                        + "\",\"email\":\"u@example.org\"}}")))
                .build();

        assertThat(of(legacy).authFor("registry.example/app").orElseThrow().getUsername()).isEqualTo("u");
    }

    @Test
    void ofEqualMatchesTheFirstSecretsCredentialsAreUsed() {
        PullSecrets secrets = of(
                configJson("first", "{\"auths\":{\"registry.example\":{\"username\":\"first\",\"password\":\"p\"}}}"),
                configJson("second", "{\"auths\":{\"registry.example\":{\"username\":\"second\",\"password\":\"p\"}}}"));

        assertThat(secrets.authFor("registry.example/app").orElseThrow().getUsername()).isEqualTo("first");
    }

    @Test
    void aPullSecretThatWasNotSentIsNamedAsMissingAndPullsGoOnWithoutIt() {
        PullSecrets secrets = PullSecrets.of(specWith("absent"), SentObjects.of(List.of()));

        assertThat(secrets.missing()).containsExactly("absent");
        assertThat(secrets.authFor("registry.example/app")).isEmpty();
    }

    @Test
    void aSecretOfAnotherTypeIsSkippedAsKubeletSkipsItAndNamedWithItsType() {
        Secret opaque = new SecretBuilder().withNewMetadata().withName("plain").endMetadata().withType("Opaque")
                .withData(Map.of(".dockerconfigjson", base64("{\"auths\":{\"registry.example\":{\"auth\":\""
                        + base64("u:hunter2") + "\"}}}"))).build();
        Secret untyped = new SecretBuilder().withNewMetadata().withName("untyped").endMetadata()
                .withData(Map.of("password", base64("hunter2"))).build();

        PullSecrets secrets = of(opaque, untyped,
                configJson("regcred", "{\"auths\":{\"other.example\":{\"username\":\"u\",\"password\":\"p\"}}}"));

        assertThat(secrets.skipped()).containsExactly("plain (Opaque)", "untyped (Opaque)");
        assertThat(secrets.missing()).isEmpty();
        assertThat(secrets.authFor("registry.example/app")).isEmpty();
        assertThat(secrets.authFor("other.example/app")).isPresent();
    }

    @Test
    void aConfigThatIsNotJsonOrNotBase64IsNamedWithoutQuotingIt() {
        Secret notJson = configJson("broken", "{\"auths\": {\"registry.example\": {\"password\": \"hunter2\"");
        Secret badAuth = configJson("badauth", "{\"auths\":{\"registry.example\":{\"auth\":\"hunter2!!\"}}}");
        Secret noKey = new SecretBuilder().withNewMetadata().withName("nokey").endMetadata()
                .withType("kubernetes.io/dockerconfigjson").withData(Map.of("config", base64("{}"))).build();

        assertThatThrownBy(() -> of(notJson, badAuth, noKey)).isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("spec.imagePullSecrets[broken] .dockerconfigjson is not valid JSON")
                .hasMessageContaining("spec.imagePullSecrets[badauth] .dockerconfigjson registry registry.example: "
                        + "\"auth\" is not base64")
                .hasMessageContaining("spec.imagePullSecrets[nokey]: Secret nokey of type "
                        + "kubernetes.io/dockerconfigjson has no key .dockerconfigjson")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theCredentialsNeverShowInTheirTextForm() {
        PullSecrets secrets = of(configJson("regcred",
                "{\"auths\":{\"registry.example\":{\"username\":\"alice\",\"password\":\"hunter2\"}}}"));

        assertThat(secrets.toString()).doesNotContain("hunter2");
        assertThat(new RegistryCredential("registry.example", "", secrets.authFor("registry.example/a").orElseThrow())
                .toString()).isEqualTo("RegistryCredential[registry.example]");
    }

    private static PullSecrets of(Secret... secrets) {
        String[] names = Arrays.stream(secrets).map(secret -> secret.getMetadata().getName()).toArray(String[]::new);
        Map<String, Secret> byName = Arrays.stream(secrets)
                .collect(Collectors.toMap(secret -> secret.getMetadata().getName(), Function.identity()));
        return PullSecrets.of(specWith(names), new SentObjects(Map.<String, ConfigMap>of(), byName, Map.of()));
    }

    private static PodSpec specWith(String... pullSecrets) {
        return new PodSpecBuilder().withImagePullSecrets(Arrays.stream(pullSecrets)
                .map(LocalObjectReference::new).toList()).build();
    }

    private static Secret configJson(String name, String config) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", base64(config))).build();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
