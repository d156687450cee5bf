export declare function groupOf(source: string): string;
export declare function contentsOf(file: string, group?: (source: string) => string): { totalKb: number; groups: { name: string; chars: number; kb: number }[] };
