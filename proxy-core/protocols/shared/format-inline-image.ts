/**
 * Chat completions have no media output field, so generated images (gemini-3-pro-image) reach the
 * client as a markdown image with a data URL, which chat UIs render
 * (ANCHOR-ANTIGRAVITY-MANAGER.md §6.2). Other media become a markdown link.
 */
export function formatInlineImage(mimeType: string, data: string): string {
  const url = `data:${mimeType};base64,${data}`;
  return mimeType.startsWith('image/') ? `![image](${url})` : `[${mimeType}](${url})`;
}
