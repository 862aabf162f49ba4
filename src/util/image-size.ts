// Width and height of an image (PNG, JPEG, SVG, …) from its bytes, with image-size — loaded
// on the first image, not with the module that may need it: it is 26 modules (15–75 ms of a
// cold start), and most documents have no figure and no seal, so `check` and `build` of them
// never load it.
import { createRequire } from 'node:module';

type ImageSize = typeof import('image-size').imageSize;

let imageSize: ImageSize | undefined;

/** image-size's `imageSize(bytes)`: throws on bytes it cannot read. */
export function imageDimensions(bytes: Uint8Array): ReturnType<ImageSize> {
  imageSize ??= (createRequire(import.meta.url)('image-size') as { imageSize: ImageSize }).imageSize;
  return imageSize(bytes);
}
