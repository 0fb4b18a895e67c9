/** A multipart POST with upload progress. XHR, because fetch has no upload progress. */

export interface FormAnswer {
  status: number;
  /** The parsed JSON body, or undefined when it is not JSON. */
  body: unknown;
}

export interface FormRequest {
  url: string;
  form: FormData;
  headers: Record<string, string>;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Posts a form; resolves with the answer whatever its status, rejects on network failure or abort. */
export type PostForm = (request: FormRequest) => Promise<FormAnswer>;

export const postForm: PostForm = ({ url, form, headers, onProgress, signal }) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.send(form);
  });
