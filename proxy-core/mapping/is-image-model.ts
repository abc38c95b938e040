/**
 * Whether an upstream model id makes images (`gemini-3-pro-image`, with or without size and ratio
 * suffixes): such a model takes no tools and no thinking, and is called with
 * `requestType: "image_gen"` (ANCHOR-ANTIGRAVITY-MANAGER.md §5.8).
 */
export function isImageModel(model: string): boolean {
  return model.toLowerCase().includes('image');
}
