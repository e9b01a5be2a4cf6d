import { EdgesHelper } from '../snapshot/edgesSplit';
import { GraphThread } from './startGraphThread';

/**
 * The parser's EdgesHelper, served by the helper thread: the request (layout, offsets, shared
 * columns) crosses as is, the thread's progress comes back as bytes of the section read; a
 * take-over reaches the reading under way there (see EdgesHead).
 */
export function edgesOnThread(thread: GraphThread): EdgesHelper {
  return {
    start: (request, call) => thread.remote.startEdges(request, {
      signal: call.signal,
      onProgress: (event) => call.onProgress(event.done),
    }),
    takeOver: (readingId, take) => thread.remote.takeOverEdges({ readingId, ...take }),
  };
}
