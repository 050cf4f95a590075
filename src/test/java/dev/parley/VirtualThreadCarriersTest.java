package dev.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The carrier floor: two on one CPU, the JDK default elsewhere, the user's value always. */
@Isolated
class VirtualThreadCarriersTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(VirtualThreadCarriers.PARALLELISM);
        System.clearProperty(VirtualThreadCarriers.PARALLELISM);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(VirtualThreadCarriers.PARALLELISM);
        } else {
            System.setProperty(VirtualThreadCarriers.PARALLELISM, saved);
        }
    }

    @Test
    void oneCpuGetsTwoCarriers() {
        VirtualThreadCarriers.ensureMinimum(1);
        assertEquals("2", System.getProperty(VirtualThreadCarriers.PARALLELISM));
    }

    @Test
    void severalCpusKeepTheJdkDefault() {
        VirtualThreadCarriers.ensureMinimum(2);
        assertNull(System.getProperty(VirtualThreadCarriers.PARALLELISM));
    }

    @Test
    void theUsersValueWins() {
        System.setProperty(VirtualThreadCarriers.PARALLELISM, "1");
        VirtualThreadCarriers.ensureMinimum(1);
        assertEquals("1", System.getProperty(VirtualThreadCarriers.PARALLELISM));
    }
}
