export declare const DEV_ORIGIN: string;
export declare function hostingBase(address: string): string;
export declare function productionManifest(manifestXml: string, address: string): string;
