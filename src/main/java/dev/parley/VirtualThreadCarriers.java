package dev.parley;

/**
 * Gives the virtual-thread scheduler at least two carrier threads, also on a one-CPU machine or container.
 *
 * <p>Why: with a single carrier, the JDK's {@code ForkJoinPool} keeps taking tasks from the submission queue it
 * is serving until that queue is empty, and tasks started by a platform thread land in that thread's own
 * submission queue. Parley's two relay directions are fed by two such platform threads: Tomcat's poller starts
 * the handlers that read client frames, the JDK HTTP client's selector thread starts the tasks that deliver
 * upstream frames. Under overload neither queue ever empties, so one carrier served one direction for seconds
 * while the other starved (measured at 300 conversations on one core: whole seconds with upstream audio and no
 * client audio relayed, then the reverse). With two carriers each can stay on one queue and the operating
 * system shares the core between them, so both directions degrade together. A value set on the command line
 * wins; with two or more CPUs the JDK's default (one carrier per CPU) already is at least two.
 */
public final class VirtualThreadCarriers {

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    static final int MINIMUM = 2;

    private VirtualThreadCarriers() {
    }

    /** Sets the floor unless the user chose a value; must run before the first virtual thread starts. */
    public static void ensureMinimum() {
        ensureMinimum(Runtime.getRuntime().availableProcessors());
    }

    static void ensureMinimum(int processors) {
        if (System.getProperty(PARALLELISM) == null && processors < MINIMUM) {
            System.setProperty(PARALLELISM, Integer.toString(MINIMUM));
        }
    }
}
