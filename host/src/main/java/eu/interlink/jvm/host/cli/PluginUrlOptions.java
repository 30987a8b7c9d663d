package eu.interlink.jvm.host.cli;

import eu.interlink.jvm.host.client.PluginAddress;
import eu.interlink.jvm.host.client.PluginClient;
import eu.interlink.jvm.host.config.FileProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The options that name a running plugin, shared by the commands that call one: {@code --url} and {@code --token-file}. */
final class PluginUrlOptions {

    @Option(names = "--url", paramLabel = "URL", description = "The plugin: http://HOST:PORT or unix:///PATH/TO/SOCKET.")
    private String url;

    @Option(names = "--token-file", paramLabel = "PATH",
            description = "A file holding the bearer token of a plugin started with AuthTokenFile.")
    private Path tokenFile;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** Whether {@code --url} was given. */
    boolean given() {
        return url != null;
    }

    /**
     * A client for the plugin named; nothing is sent yet.
     *
     * @throws ParameterException when the URL or the token file is not usable; picocli prints it with the usage
     */
    PluginClient connect() {
        if (url == null) {
            throw new ParameterException(command.commandLine(), "--url is required: the plugin to call");
        }
        PluginAddress address;
        try {
            address = PluginAddress.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--url: " + e.getMessage());
        }
        return PluginClient.connect(address, token());
    }

    private Optional<String> token() {
        if (tokenFile == null) {
            return Optional.empty();
        }
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(), "--token-file " + tokenFile + ": " + FileProblem.describe(e));
        }
        if (token.isEmpty()) {
            throw new ParameterException(command.commandLine(), "--token-file " + tokenFile + " is empty");
        }
        return Optional.of(token);
    }
}
