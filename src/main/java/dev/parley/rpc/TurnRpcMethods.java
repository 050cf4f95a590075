package dev.parley.rpc;

import dev.parley.error.ApiException;
import dev.parley.protocol.v2.ProtocolRegistry;
import dev.parley.protocol.v2.TurnInterruptResponse;
import dev.parley.protocol.v2.TurnStartResponse;
import dev.parley.protocol.v2.TurnSteerResponse;
import dev.parley.protocol.v2.UserInput;
import dev.parley.turn.TurnService;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code turn/start}, {@code turn/steer} and {@code turn/interrupt} ({@code 02} §6), all thread-scoped. The
 * handlers never wait for the model: start and steer answer from inside the turn service (so the answer
 * precedes the turn's notifications); interrupt returns once cancellation is signalled, freeing the thread's
 * slot, and its answer follows when the turn has aborted.
 */
@Component
public class TurnRpcMethods implements RpcMethodGroup {

    private final TurnService turns;

    public TurnRpcMethods(TurnService turns) {
        this.turns = turns;
    }

    @Override
    public void register(RpcMethodTable table) {
        table.register(ProtocolRegistry.TURN_START, RpcScope.THREAD, (params, context) -> {
            requireInput(params.input());
            turns.start(params.threadId(), params.input(), params.clientUserMessageId(),
                    turn -> context.respond(new TurnStartResponse(turn)));
            return null;
        });
        table.register(ProtocolRegistry.TURN_STEER, RpcScope.THREAD, (params, context) -> {
            requireInput(params.input());
            turns.steer(params.threadId(), params.expectedTurnId(), params.input(), params.clientUserMessageId(),
                    turnId -> context.respond(new TurnSteerResponse(turnId)));
            return null;
        });
        table.register(ProtocolRegistry.TURN_INTERRUPT, RpcScope.THREAD, (params, context) -> {
            turns.interrupt(params.threadId(), params.turnId(), failure -> {
                if (failure == null) {
                    context.respond(new TurnInterruptResponse());
                } else {
                    context.fail(failure);
                }
            });
            context.defer();
            return null;
        });
    }

    private static void requireInput(List<UserInput> input) {
        if (input.isEmpty()) {
            throw ApiException.invalidParams("input must not be empty");
        }
    }
}
