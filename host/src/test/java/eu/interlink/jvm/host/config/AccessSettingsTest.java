package eu.interlink.jvm.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.host.access.TlsKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code AuthTokenFile} and the TLS key store: secrets read from files only other users cannot read. */
class AccessSettingsTest {

    @TempDir
    Path directory;

    @Test
    void has_no_token_and_no_tls_by_default() {
        HostSettings settings = HostSettings.from(PluginSettings.empty(), CommandLine.NONE);

        assertThat(settings.token()).isEmpty();
        assertThat(settings.tls()).isEmpty();
    }

    @Test
    void reads_the_token_trimmed_from_the_file_the_environment_names_and_never_prints_it() throws IOException {
        Path file = secret("token", "  s3cret-token\n", "rw-------");

        HostSettings settings = from(Map.of(), Map.of("AUTHTOKENFILE", file.toString()));

        assertThat(settings.token()).hasValueSatisfying(token -> {
            assertThat(token.admits("Bearer s3cret-token")).isTrue();
            assertThat(token.admits("Bearer s3cret-tokem")).isFalse();
        });
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void accepts_a_group_readable_token_file() throws IOException {
        Path file = secret("token", "t", "rw-r-----");

        assertThat(from(Map.of("AuthTokenFile", file.toString()), Map.of()).token()).isPresent();
    }

    @Test
    void refuses_a_world_readable_token_file_in_one_line_naming_the_key_not_the_token() throws IOException {
        Path file = secret("token", "s3cret-token", "rw-r--r--");

        assertThatThrownBy(() -> from(Map.of("AuthTokenFile", file.toString()), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("AuthTokenFile: expected a readable file that other users cannot read")
                .hasMessageContaining(file + " (readable by every user: chmod o-r, or 600)")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refuses_an_empty_or_missing_token_file() throws IOException {
        Path empty = secret("empty", " \n", "rw-------");

        assertThatThrownBy(() -> from(Map.of("AuthTokenFile", empty.toString()), Map.of()))
                .hasMessageContaining("AuthTokenFile: ").hasMessageEndingWith("(the file is empty)'");
        assertThatThrownBy(() -> from(Map.of("AuthTokenFile", directory.resolve("none").toString()), Map.of()))
                .hasMessageContaining("AuthTokenFile: ").hasMessageEndingWith("(no readable regular file there)'");
    }

    @Test
    void reads_the_key_store_and_its_password_from_the_host_section() throws IOException {
        Path store = secret("plugin.p12", "not parsed here", "rw-------");
        Path password = secret("password", "changeit\n", "rw-------");

        HostSettings settings = from(Map.of("Host", Map.of("TlsKeyStoreFile", store.toString(),
                "TlsKeyStorePasswordFile", password.toString())), Map.of());

        assertThat(settings.tls()).contains(new TlsKeyStore(store, "changeit"));
        assertThat(settings.toString()).doesNotContain("changeit");
    }

    @Test
    void refuses_a_key_store_without_password_file_a_world_readable_one_or_one_with_a_socket() throws IOException {
        Path store = secret("plugin.p12", "x", "rw-------");
        Path open = secret("open.p12", "x", "rw-r--r--");
        Path password = secret("password", "changeit", "rw-------");

        assertThatThrownBy(() -> from(Map.of("Host", Map.of("TlsKeyStoreFile", store.toString())), Map.of()))
                .hasMessageStartingWith("Host.TlsKeyStorePasswordFile: expected the file holding the password");
        assertThatThrownBy(() -> from(Map.of("Host", Map.of("TlsKeyStoreFile", open.toString(),
                "TlsKeyStorePasswordFile", password.toString())), Map.of()))
                .hasMessageStartingWith("Host.TlsKeyStoreFile: expected a readable file that other users cannot read");
        assertThatThrownBy(() -> from(Map.of("Socket", "unix:///tmp/p.sock",
                "Host", Map.of("TlsKeyStoreFile", store.toString())), Map.of()))
                .hasMessageStartingWith("Host.TlsKeyStoreFile: expected no value when Socket is set");
    }

    private Path secret(String name, String content, String mode) throws IOException {
        Path file = Files.writeString(directory.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static HostSettings from(Map<String, Object> values, Map<String, String> environment) {
        return HostSettings.from(PluginSettings.of(values, environment), CommandLine.NONE);
    }
}
