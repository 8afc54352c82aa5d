/** Vite (and so vitest) imports a file's text with `?raw`; tests use it to read the docs. */
declare module '*.md?raw' {
  const text: string;
  export default text;
}
