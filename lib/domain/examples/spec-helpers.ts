/** Small builders the example domains share: money rounding in CEL and JSON-schema parameters. */

/**
 * CEL has no round(): this builds the expression that rounds `expr` to cents, half away from
 * zero, so a price difference such as 54.04 - 49.99 is stored as 4.05, not 4.049999999999997.
 */
export function roundToCents(expr: string): string {
  return `double(int((${expr}) * 100.0 + ((${expr}) >= 0.0 ? 0.5 : -0.5))) / 100.0`;
}

/** A string parameter for a JSON-schema `properties` map. */
export const str = (description: string, extra: Record<string, unknown> = {}) => ({ type: "string", description, ...extra });

/** A JSON-schema object with every listed property required. */
export const params = (properties: Record<string, unknown>) => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
