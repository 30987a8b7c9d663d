package eu.interlink.jvm.docker;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One runtime for a whole test class, on the real engine: opened before the class's first test, closed after its
 * last, which deletes the pods the tests created and removes what is left of them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);
 * }</pre>
 */
final class SharedRuntime implements BeforeAllCallback, AfterAllCallback {

    private final Callable<RuntimeFixture> opener;
    private RuntimeFixture fixture;

    SharedRuntime(Callable<RuntimeFixture> opener) {
        this.opener = opener;
    }

    /** The class's runtime; only between its first and last test. */
    RuntimeFixture fixture() {
        if (fixture == null) {
            throw new IllegalStateException("the runtime is open only while the test class runs");
        }
        return fixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        fixture = opener.call();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }
}
