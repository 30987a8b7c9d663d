package eu.interlink.jvm.host.cli;

import picocli.CommandLine;

/** Makes commands for picocli, giving a {@link HostContext} to those whose constructor takes one. */
final class ContextFactory implements CommandLine.IFactory {

    private final HostContext context;

    ContextFactory(HostContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getDeclaredConstructor(HostContext.class).newInstance(context);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
