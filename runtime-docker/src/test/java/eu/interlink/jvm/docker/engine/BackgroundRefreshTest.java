package eu.interlink.jvm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundRefreshTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger refreshes = new AtomicInteger();

    @AfterEach
    void stopBackground() {
        answer.countDown();
        background.shutdownNow();
    }

    private String slowRefresh(String previous) {
        refreshes.incrementAndGet();
        try {
            answer.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "fresh";
    }

    @Test
    void aReaderGetsTheLastValueAtOnceWhileOneRefreshRunsInTheBackground() {
        BackgroundRefresh<String> value = new BackgroundRefresh<>("initial", Duration.ofSeconds(5), this::slowRefresh,
                background, Clock.systemUTC());

        assertThat(value.get()).isEqualTo("initial");
        assertThat(value.get()).isEqualTo("initial");
        await().atMost(Duration.ofSeconds(5)).until(() -> refreshes.get() == 1);
        assertThat(value.get()).isEqualTo("initial");

        answer.countDown();

        await().atMost(Duration.ofSeconds(5)).until(value::get, "fresh"::equals);
        assertThat(refreshes).as("one refresh at a time").hasValue(1);
    }

    @Test
    void aFreshValueIsNotRefreshed() {
        Clock frozen = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        answer.countDown();
        BackgroundRefresh<String> value = new BackgroundRefresh<>("initial", Duration.ofSeconds(5), this::slowRefresh,
                background, frozen);

        value.refreshNow();

        assertThat(value.get()).isEqualTo("fresh");
        assertThat(value.get()).isEqualTo("fresh");
        assertThat(refreshes).hasValue(1);
    }
}
