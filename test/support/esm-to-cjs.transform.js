/**
 * Jest transform for ES-module-only packages (NestJS 12 and a few of its dependencies):
 * compiles them to CommonJS with TypeScript so that Jest's loader on Node 20 can require them.
 * `import.meta.url` has no CommonJS twin, so it becomes the file's own URL.
 */
const { createHash } = require('node:crypto');
const ts = require('typescript');

module.exports = {
  getCacheKey(source, path) {
    return createHash('sha256').update('esm-to-cjs-v2').update(path).update(source).digest('hex');
  },
  process(source, path) {
    const patched = source
      // CommonJS already has a require: drop the ES module's own createRequire() twin.
      .replace(/\b(const|let|var)\s+require\s*=\s*(?:\w+\.)?createRequire\([^)]*\);?/g, '')
      .replace(/import\.meta\.url/g, 'require("node:url").pathToFileURL(__filename).href')
      .replace(/import\.meta\.dirname/g, '__dirname')
      .replace(/import\.meta\.filename/g, '__filename');
    const out = ts.transpileModule(patched, {
      fileName: path,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true, sourceMap: false },
    });
    return { code: out.outputText };
  },
};
