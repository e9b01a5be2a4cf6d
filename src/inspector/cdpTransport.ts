/**
 * The least a CDP connection needs from the wire: text frames both ways, close notification, and
 * flow control. Flow control matters for heap snapshots: the target pushes chunks as fast as it
 * can serialise them, and the reader pauses the wire while the disk catches up, so the capturing
 * process never buffers a snapshot in memory.
 */
export interface CdpTransport {
  send(text: string): void;
  /** Subscribe to incoming frames; returns an unsubscribe function. */
  onMessage(listener: (text: string) => void): () => void;
  /** Called once when the wire closes, for whatever reason. */
  onClose(listener: (reason: string) => void): () => void;
  /** Stop reading from the wire (the peer's sends back up in the OS buffers). */
  pause(): void;
  resume(): void;
  /** Close the wire; resolves when it is closed. */
  close(): Promise<void>;
  readonly closed: boolean;
}
