package eu.interlink.jvm.docker.sandbox;

/** How a sandbox's Docker-in-Docker container gets the rights its inner engine needs ({@code Docker.DindSecurity}). */
public enum DindSecurity {

    /** Try {@link #PRIVILEGED}; when the engine refuses it, use {@link #CAPABILITIES} from then on. */
    AUTO,

    /** {@code --privileged}, as the official {@code docker:dind} image expects. */
    PRIVILEGED,

    /**
     * The equivalent for engines that refuse {@code --privileged} (a capability bounding set without
     * {@code CAP_SYS_RESOURCE}): all capabilities but {@code SYS_RESOURCE}, no seccomp or AppArmor confinement,
     * unmasked system paths, every device, the host's cgroup hierarchy writable and a tmpfs at {@code /run}.
     */
    CAPABILITIES
}
