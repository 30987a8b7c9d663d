package eu.interlink.jvm.docker.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImagesTest {

    @Test
    void aNameWithoutTagPullsLatestNeverEveryTag() {
        assertThat(Images.Reference.parse("busybox")).isEqualTo(new Images.Reference("busybox", "latest"));
        assertThat(Images.Reference.parse("registry:5000/team/app"))
                .isEqualTo(new Images.Reference("registry:5000/team/app", "latest"));
    }

    @Test
    void theNameOfOneImageAlwaysHasATagOrDigest() {
        assertThat(Images.Reference.parse("busybox").name()).isEqualTo("busybox:latest");
        assertThat(Images.Reference.parse("interlink-jvm/busybox:local").name()).isEqualTo("interlink-jvm/busybox:local");
        assertThat(Images.Reference.parse("busybox@sha256:abc").name()).isEqualTo("busybox@sha256:abc");
    }

    @Test
    void aTagOrDigestIsKept() {
        assertThat(Images.Reference.parse("registry:5000/app:1.2")).isEqualTo(new Images.Reference("registry:5000/app", "1.2"));
        assertThat(Images.Reference.parse("busybox@sha256:abc")).isEqualTo(new Images.Reference("busybox@sha256:abc", null));
    }
}
