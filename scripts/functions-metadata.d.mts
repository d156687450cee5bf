export declare const METADATA_FLAGS: { readonly allowErrorForDataTypeAny: true; readonly allowCustomDataForDataTypeAny: true };
export declare function withMetadataFlags(json: string): string;
export declare class FunctionsMetadataFlagsPlugin {
  constructor(asset?: string);
  apply(compiler: import('webpack').Compiler): void;
}
