/**
 * `data:` URL -> Gemini `inlineData` (RFC 2397, https://www.rfc-editor.org/rfc/rfc2397).
 * Images and files arrive base64 encoded; a URL-encoded payload is re-encoded because
 * `inlineData.data` must be base64.
 */
export interface InlineData {
  mimeType: string;
  data: string;
}

const dataUrlPattern = /^data:([^,]*?),(.*)$/s;

export function parseDataUrl(url: string): InlineData | undefined {
  const match = dataUrlPattern.exec(url.trim());
  if (match === null) return undefined;
  const header = (match[1] ?? '').split(';').map((item) => item.trim());
  const payload = match[2] ?? '';
  const isBase64 = header.slice(1).some((parameter) => parameter.toLowerCase() === 'base64');
  const mimeType = header[0] !== undefined && header[0] !== '' ? header[0].toLowerCase() : 'text/plain';
  if (isBase64) {
    const data = payload.replace(/\s+/g, '');
    if (data === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(data)) return undefined;
    return { mimeType, data };
  }
  try {
    return { mimeType, data: Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64') };
  } catch {
    return undefined;
  }
}
