/*
 * Swagger 2.0 (Kubernetes, OpenShift, much of the enterprise world) is converted by
 * swagger2openapi, the converter the APIs.guru directory itself uses, rather than by rules of our
 * own: body and formData parameters, consumes/produces, host + basePath + schemes and
 * securityDefinitions all have corner cases it already handles. The converted document then goes
 * through the same dereferencing and indexing as any OpenAPI 3 document.
 */
import { KeyholeError } from '../errors.js';

/** What keyhole says a converted spec was written in. */
export const SWAGGER_2 = 'Swagger 2.0';

/** Whether a parsed document is Swagger 2.0 (`swagger: "2.0"`, in any spelling YAML allows). */
export function isSwagger2(value: object): boolean {
  const swagger = (value as { swagger?: unknown }).swagger;
  return String(swagger) === '2.0' || swagger === 2;
}

/**
 * The OpenAPI 3.0 form of a Swagger 2.0 document. `text` is the document as read: the converter
 * would otherwise serialise the whole document to YAML only to keep it beside the result.
 * Its fixes of small mistakes are applied (`patch`), and what it cannot fix is left marked in the
 * document instead of failing the spec (`warnOnly`). References to other files are not followed,
 * as for OpenAPI 3 documents.
 */
export async function convertSwagger2(
  document: object,
  text: string,
  source: string,
): Promise<unknown> {
  try {
    // Loaded on first use (its own chunk in the bundle): OpenAPI 3 loads never pay for it.
    const { default: swagger2openapi } = await import('swagger2openapi');
    const converted = await swagger2openapi.convertObj(document, {
      patch: true,
      warnOnly: true,
      resolve: false,
      text,
    });
    return converted.openapi;
  } catch (error) {
    throw new KeyholeError(
      `the spec ${source} is Swagger 2.0 and could not be converted to OpenAPI 3`,
      {
        exitCode: 2,
        hint: (error as Error).message.split('\n')[0],
        cause: error,
      },
    );
  }
}
