import { EdgesElsewhere } from '../snapshot/edgesThere';
import { GraphThread } from './startGraphThread';

/**
 * The parser's EdgesElsewhere option, served by the helper thread: the request (layout, offsets,
 * shared columns) crosses as is, the thread's progress comes back as bytes of the section read;
 * a limit reaches the reading under way there (see EdgesStop).
 */
export function edgesOnThread(thread: GraphThread): EdgesElsewhere {
  return {
    read: (request, call) => thread.remote.parseEdges(request, {
      signal: call.signal,
      onProgress: (event) => call.onProgress(event.done),
    }),
    limit: (readingId, take) => thread.remote.limitEdges({ readingId, ...take }),
  };
}
