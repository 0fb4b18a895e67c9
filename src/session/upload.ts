import type { WireMedia, WireUploadSlot } from '../protocol/types.js';

/** An HTTP upload in flight: resolves when the server stored the file (with what it answered). */
export interface Transfer<T = void> {
  done: Promise<T>;
  abort(): void;
}

/** PUTs a file to an XEP-0363 slot, reporting progress (0..1). XHR, because fetch has no upload progress. */
export function putFile(slot: WireUploadSlot, file: Blob, onProgress: (fraction: number) => void): Transfer {
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`The upload failed (HTTP ${xhr.status})`)));
    xhr.onerror = () => reject(new Error('The upload failed: the file server could not be reached'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
  });
  xhr.open('PUT', slot.putUrl);
  // Only the headers XEP-0363 allows the service to ask for.
  for (const [name, value] of Object.entries(slot.headers)) {
    if (/^(authorization|cookie|expires)$/i.test(name)) xhr.setRequestHeader(name, value);
  }
  if (file.type) xhr.setRequestHeader('Content-Type', file.type);
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
}

/** Width and height of an image file, so receivers can reserve its box; undefined if unknown. */
export async function imageSize(file: Blob): Promise<Pick<WireMedia, 'width' | 'height'>> {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return {};
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return {};
  }
}
