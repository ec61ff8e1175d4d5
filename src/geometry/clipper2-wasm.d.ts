// clipper2-wasm types its factory (dist/clipper2z.d.ts), but its package.json points at a typings
// file it does not ship. Its main (the UMD build) is imported: the ES build lacks "type": "module",
// so it loads only where Node detects module syntax (20.19+).
declare module 'clipper2-wasm' {
  import type { Clipper2ZFactoryFunction } from 'clipper2-wasm/dist/clipper2z.js';

  const factory: Clipper2ZFactoryFunction;
  export default factory;
}
