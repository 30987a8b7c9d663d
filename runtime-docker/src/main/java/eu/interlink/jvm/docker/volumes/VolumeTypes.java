package eu.interlink.jvm.docker.volumes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Iterator;

/** Names a volume's source as the pod spec spells it ({@code hostPath}, {@code persistentVolumeClaim}, ...). */
public final class VolumeTypes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VolumeTypes() {
    }

    /** The source field of the volume, or {@code no source} when it has none. */
    public static String of(Volume volume) {
        Iterator<String> fields = JSON.valueToTree(volume).fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("name")) {
                return field;
            }
        }
        return "no source";
    }
}
