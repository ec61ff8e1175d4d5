// clipper2-wasm types its factory (dist/clipper2z.d.ts) but not the ES module that exports it.
declare module 'clipper2-wasm/dist/es/clipper2z.js' {
  import type { Clipper2ZFactoryFunction } from 'clipper2-wasm/dist/clipper2z.js';

  const factory: Clipper2ZFactoryFunction;
  export default factory;
}
