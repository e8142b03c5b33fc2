/** The part of swagger2openapi (a CommonJS package without types) that keyhole calls. */
declare module 'swagger2openapi' {
  interface ConvertOptions {
    /** Fix small mistakes of the source instead of failing. */
    patch?: boolean;
    /** Mark what cannot be converted in the result instead of failing. */
    warnOnly?: boolean;
    /** Follow references into other files and URLs. */
    resolve?: boolean;
    /** The source text, kept beside the result (serialised from the object when absent). */
    text?: string;
  }
  const converter: {
    convertObj(document: unknown, options: ConvertOptions): Promise<{ openapi: unknown }>;
  };
  export default converter;
}
