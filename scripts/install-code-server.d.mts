export const CODE_SERVER_VERSION: string;
export const CHROMIUM: string;
export function codeServerDir(): string;
export function codeServerEntry(dir?: string): string;
export function ensureCodeServer(): { dir: string; entry: string; chromium: string; version: string };
