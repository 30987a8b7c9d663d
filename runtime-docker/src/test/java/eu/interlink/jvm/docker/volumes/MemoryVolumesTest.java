package eu.interlink.jvm.docker.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryVolumesTest {

    @Test
    void aTmpfsIsOpenToEveryUserSizedByTheLimitAndGivenToTheFsGroup() {
        assertThat(MemoryVolumes.options(new VolumeContent.MemoryDir("ram", 8_388_608L), null))
                .isEqualTo("mode=0777,size=8388608");
        assertThat(MemoryVolumes.options(new VolumeContent.MemoryDir("ram", null), 2000L))
                .isEqualTo("mode=2777,gid=2000");
    }
}
