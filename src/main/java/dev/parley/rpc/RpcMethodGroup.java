package dev.parley.rpc;

/** A set of JSON-RPC methods of one domain (threads, turns, realtime); each group is a Spring bean. */
public interface RpcMethodGroup {

    void register(RpcMethodTable table);
}
