package eu.interlink.jvm.docker.images;

import com.github.dockerjava.api.model.PullResponseItem;
import eu.interlink.jvm.docker.engine.StreamCallback;

/**
 * Follows one pull: remembers the first error, whether the engine answered with an error status or reported it in
 * the progress stream, so that the caller can throw it (docker-java's own callback logs it as an error instead). What
 * the stream reports after it was closed is not a failure of the pull.
 */
final class PullCallback extends StreamCallback<PullResponseItem> {

    private volatile String failure;

    @Override
    public void onNext(PullResponseItem item) {
        if (failure == null && item.getErrorDetail() != null) {
            failure = item.getErrorDetail().getMessage();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (failure == null && !isClosed()) {
            failure = String.valueOf(error.getMessage());
        }
        onComplete();
    }

    /** The first error of the pull, or null when it had none. */
    String failure() {
        return failure;
    }
}
