import type { Context } from 'hono';
import type { z } from 'zod';
import { zodIssues } from '@ratelab/algorithms';
import { bufferedText } from '../middleware/body/bounded-body.js';
import { HttpError } from './http-error.js';

/**
 * Reads the request body as JSON. Malformed JSON, a wrong content type or an empty body become a 400 that says
 * so. The size bound is enforced before this by the boundedBody middleware, which has usually read the body.
 */
export async function readJson(c: Context): Promise<unknown> {
  let text = bufferedText(c);
  try {
    text ??= await c.req.text();
  } catch {
    throw new HttpError(400, 'bad_body', 'the request body could not be read');
  }
  if (text.trim() === '') throw new HttpError(400, 'bad_json', 'the request body is empty; send a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'bad_json', `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Validates `input` with `schema`, turning every zod issue into `{ path, message }` under a 400. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = zodIssues(result.error);
    throw new HttpError(400, 'invalid_input', `${what} is not valid: fix the fields listed in issues`, issues);
  }
  return result.data;
}
