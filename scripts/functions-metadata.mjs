// The custom functions' metadata flags that the generator cannot write from JSDoc. Microsoft's
// docs ("Errors as custom function inputs"): allowErrorForDataTypeAny works only when added to
// the JSON by hand, so the build adds it after custom-functions-metadata-plugin has generated
// functions.json. Without it Excel does not call a function whose argument holds an error: one
// #N/A in a lead row turns that row's score into an error, and one in the model tables keeps
// LEADSCORE.MODEL and LEADSCORE.PROBLEMS from ever showing where it is.
//
// allowCustomDataForDataTypeAny (data types: Stocks and Geography cells arrive as entities, to be
// scored by their text) is written by the generator already; it needs CustomFunctionsRuntime 1.4,
// which manifest.xml asks for.
import webpack from 'webpack';

export const METADATA_FLAGS = { allowErrorForDataTypeAny: true, allowCustomDataForDataTypeAny: true };

/** functions.json with the flags set at its top level, where Excel reads them. */
export function withMetadataFlags(json) {
  const metadata = JSON.parse(json);
  return JSON.stringify({ ...METADATA_FLAGS, ...metadata, ...METADATA_FLAGS });
}

/** Rewrites the generated functions.json asset with the flags (runs after the generator adds it). */
export class FunctionsMetadataFlagsPlugin {
  constructor(asset = 'functions.json') {
    this.asset = asset;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('FunctionsMetadataFlagsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'FunctionsMetadataFlagsPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const generated = compilation.getAsset(this.asset);
        if (generated === undefined) {
          compilation.errors.push(new webpack.WebpackError(`${this.asset} was not generated: the custom functions metadata plugin must run first`));
          return;
        }
        compilation.updateAsset(this.asset, new webpack.sources.RawSource(withMetadataFlags(generated.source.source().toString())));
      });
    });
  }
}
