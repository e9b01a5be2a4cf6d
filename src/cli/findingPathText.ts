import { Finding } from '../protocol/finding';
import { pathText } from '../protocol/pathText';
import { oneLine } from './oneLine';

/** The path on one terminal line, root first; repeated steps as one ("36 × `next` through Listener"). */
export function findingPathText(path: Finding['path']): string {
  return pathText(path, oneLine);
}
