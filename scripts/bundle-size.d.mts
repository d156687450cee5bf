export declare const BUDGET_KB: number;
export declare const TOTAL_BUDGET_KB: number;
export declare function gzipKb(file: string): number;
export declare function scriptsOf(htmlFile: string): string[];
export declare function pageWeight(htmlFile: string): { scripts: { file: string; kb: number }[]; totalKb: number };
export declare function distWeight(dist: string): { scripts: { file: string; kb: number }[]; totalKb: number };
