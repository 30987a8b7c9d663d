package eu.interlink.jvm.docker.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void aNameWithoutTagPullsLatestNeverEveryTag() {
        assertThat(ImageReference.parse("busybox")).isEqualTo(new ImageReference("busybox", "latest"));
        assertThat(ImageReference.parse("registry:5000/team/app"))
                .isEqualTo(new ImageReference("registry:5000/team/app", "latest"));
    }

    @Test
    void theNameOfOneImageAlwaysHasATagOrDigest() {
        assertThat(ImageReference.parse("busybox").name()).isEqualTo("busybox:latest");
        assertThat(ImageReference.parse("interlink-jvm/busybox:local").name()).isEqualTo("interlink-jvm/busybox:local");
        assertThat(ImageReference.parse("busybox@sha256:abc").name()).isEqualTo("busybox@sha256:abc");
    }

    @Test
    void aTagOrDigestIsKept() {
        assertThat(ImageReference.parse("registry:5000/app:1.2")).isEqualTo(new ImageReference("registry:5000/app", "1.2"));
        assertThat(ImageReference.parse("busybox@sha256:abc")).isEqualTo(new ImageReference("busybox@sha256:abc", null));
    }

    @Test
    void aWellFormedReferenceStartsWithALetterOrDigitAndHasNoSpacesOrShellCharacters() {
        assertThat(ImageReference.isWellFormed("registry.example:5000/team/app:1.2")).isTrue();
        assertThat(ImageReference.isWellFormed("busybox@sha256:abc")).isTrue();
        assertThat(ImageReference.isWellFormed("-rm")).isFalse();
        assertThat(ImageReference.isWellFormed("busy box")).isFalse();
        assertThat(ImageReference.isWellFormed("busybox;reboot")).isFalse();
        assertThat(ImageReference.isWellFormed("")).isFalse();
        assertThat(ImageReference.isWellFormed(null)).isFalse();
    }
}
