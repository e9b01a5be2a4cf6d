export function packageVsix(outFile?: string): { file: string; bytes: number };
