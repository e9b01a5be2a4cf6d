/**
 * Node's own inspector domains, which devtools-protocol (Chrome's) does not carry, in the shape of
 * its ProtocolMapping so CdpConnection types them the same way. From Node's
 * src/inspector/node_protocol.pdl (NodeWorker: present in Node 20 to 26).
 */
export namespace NodeWorker {
  export interface WorkerInfo {
    /** The worker's threadId, as a string. */
    workerId: string;
    type: string;
    title: string;
    url: string;
  }
  export interface AttachedToWorkerEvent {
    /** Identifies this worker's session in sendMessageToWorker and the events. */
    sessionId: string;
    workerInfo: WorkerInfo;
    waitingForDebugger: boolean;
  }
  export interface DetachedFromWorkerEvent {
    sessionId: string;
  }
  export interface ReceivedMessageFromWorkerEvent {
    sessionId: string;
    /** A CDP frame of the worker's session, as text. */
    message: string;
  }
}

export namespace NodeProtocolMapping {
  export interface Commands {
    /** Attaches a session to every worker (existing and new), announced by attachedToWorker. */
    'NodeWorker.enable': { paramsType: [{ waitForDebuggerOnStart: boolean }]; returnType: void };
    'NodeWorker.disable': { paramsType: []; returnType: void };
    'NodeWorker.sendMessageToWorker': { paramsType: [{ message: string; sessionId: string }]; returnType: void };
    'NodeWorker.detach': { paramsType: [{ sessionId: string }]; returnType: void };
  }
  export interface Events {
    'NodeWorker.attachedToWorker': [NodeWorker.AttachedToWorkerEvent];
    'NodeWorker.detachedFromWorker': [NodeWorker.DetachedFromWorkerEvent];
    'NodeWorker.receivedMessageFromWorker': [NodeWorker.ReceivedMessageFromWorkerEvent];
  }
}
