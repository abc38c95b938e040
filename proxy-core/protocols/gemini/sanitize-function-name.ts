/**
 * Cloud Code rejects a function declaration whose name does not start with a letter or underscore,
 * holds a character outside `[a-zA-Z0-9_.:-]` or is longer than 64 characters
 * (shared/reference/UPSTREAM-PROTOCOL.md §4). Client and MCP tool names break each rule (spaces,
 * slashes, `@scope/tool`, non-ASCII, long `mcp__server__tool` names), so declarations carry the
 * sanitized name and the caller maps the model's function calls back to the original. Distinct
 * names can collide after sanitizing; the caller's map is where that is detected.
 */
const maxFunctionNameLength = 64;

export function sanitizeFunctionName(name: string): string {
  // `u` makes an astral character (an emoji) one `_`, not two.
  const replaced = name.replace(/[^a-zA-Z0-9_.:-]/gu, '_');
  const prefixed = /^[a-zA-Z_]/.test(replaced) ? replaced : `_${replaced}`;
  return prefixed.slice(0, maxFunctionNameLength);
}
