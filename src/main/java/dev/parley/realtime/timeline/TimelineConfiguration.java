package dev.parley.realtime.timeline;

import java.time.Clock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the timeline over the {@link RealtimeTimelineStore} that the store configuration provides (memory or
 * the database of {@code parley.store.type}): the list service, and the start-up recovery of {@code 09} §5
 * (run once every singleton exists, before the server takes connections).
 */
@Configuration(proxyBeanMethods = false)
public class TimelineConfiguration {

    @Bean
    RealtimeTimelineService realtimeTimelineService(RealtimeTimelineStore store) {
        return new RealtimeTimelineService(store);
    }

    @Bean
    SmartInitializingSingleton realtimeTimelineRecovery(RealtimeTimelineStore store, Clock clock) {
        RealtimeTimelineRecovery recovery = new RealtimeTimelineRecovery(store, clock);
        return recovery::recover;
    }
}
