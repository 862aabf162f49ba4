// Raster images as image XObjects, one per SHA-256 however often a document draws it (a seal on
// every copy page). A PNG is decoded (pngjs gives 8-bit RGBA whatever the PNG's colour type) and
// written as DeviceGray when every pixel is grey, else DeviceRGB, its alpha as a soft mask only
// when some pixel is not opaque; a JPEG goes in as it is (DCTDecode), read only for its size and
// number of components.
import { PNG } from 'pngjs';
import type { RasterImage } from '../../layout/frame/types.js';
import { name, type PdfDict, type PdfFile, type Ref } from './serialize.js';

export interface DecodedImage {
  /** Some pixel is not opaque: a soft mask, which PDF/A-1 forbids. */
  alpha: boolean;
  /** A CMYK JPEG: DeviceCMYK, which a PDF/A file with an RGB output intent cannot draw. */
  cmyk?: boolean;
  write(file: PdfFile): Ref;
}

export function decodeImage(img: RasterImage): DecodedImage {
  return img.format === 'png' ? decodePng(img) : decodeJpeg(img);
}

function decodePng(img: RasterImage): DecodedImage {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(img.bytes.buffer, img.bytes.byteOffset, img.bytes.byteLength));
  } catch (e) {
    throw new Error(`the PNG image ${img.sha256.slice(0, 12)} cannot be decoded: ${(e as Error).message}`);
  }
  const { width, height, data } = png;
  const n = width * height;
  let gray = true;
  let alpha = false;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    if (data[o] !== data[o + 1] || data[o] !== data[o + 2]) gray = false;
    if (data[o + 3] !== 255) alpha = true;
    if (!gray && alpha) break;
  }
  return {
    alpha,
    write(file) {
      const comps = gray ? 1 : 3;
      const px = new Uint8Array(n * comps);
      const mask = alpha ? new Uint8Array(n) : undefined;
      for (let i = 0; i < n; i++) {
        const o = i * 4;
        if (gray) px[i] = data[o];
        else {
          px[i * 3] = data[o];
          px[i * 3 + 1] = data[o + 1];
          px[i * 3 + 2] = data[o + 2];
        }
        if (mask) mask[i] = data[o + 3];
      }
      const dict: PdfDict = { Type: name('XObject'), Subtype: name('Image'), Width: width, Height: height, ColorSpace: name(gray ? 'DeviceGray' : 'DeviceRGB'), BitsPerComponent: 8 };
      if (mask) dict.SMask = file.stream({ Type: name('XObject'), Subtype: name('Image'), Width: width, Height: height, ColorSpace: name('DeviceGray'), BitsPerComponent: 8 }, mask);
      return file.stream(dict, px);
    },
  };
}

function decodeJpeg(img: RasterImage): DecodedImage {
  const b = img.bytes;
  let p = 2;
  let adobe = false;
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new Error(`the JPEG image ${img.sha256.slice(0, 12)} does not start with a JPEG marker`);
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) throw new Error(`the JPEG image ${img.sha256.slice(0, 12)} has a broken marker at byte ${p}`);
    const marker = b[p + 1];
    const len = (b[p + 2] << 8) | b[p + 3];
    if (marker === 0xee && String.fromCharCode(...b.subarray(p + 4, p + 9)) === 'Adobe') adobe = true;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const bits = b[p + 4];
      const height = (b[p + 5] << 8) | b[p + 6];
      const width = (b[p + 7] << 8) | b[p + 8];
      const comps = b[p + 9];
      const space = comps === 1 ? 'DeviceGray' : comps === 3 ? 'DeviceRGB' : comps === 4 ? 'DeviceCMYK' : undefined;
      if (!space) throw new Error(`the JPEG image ${img.sha256.slice(0, 12)} has ${comps} colour components`);
      return {
        alpha: false,
        write(file) {
          const dict: PdfDict = { Type: name('XObject'), Subtype: name('Image'), Width: width, Height: height, ColorSpace: name(space), BitsPerComponent: bits, Filter: name('DCTDecode') };
          // Adobe's CMYK JPEGs store inverted values.
          if (comps === 4 && adobe) dict.Decode = [1, 0, 1, 0, 1, 0, 1, 0];
          return file.stream(dict, b, false);
        },
        cmyk: comps === 4,
      };
    }
    p += 2 + len;
  }
  throw new Error(`the JPEG image ${img.sha256.slice(0, 12)} has no frame header`);
}
