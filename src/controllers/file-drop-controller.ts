import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Translator } from '../i18n/translator.js';

/** Most files uploaded from one drop, paste or pick. */
export const MAX_FILES_AT_ONCE = 10;

export interface FileDropConfig {
  /** Uploads one file to the host's room. */
  upload: (file: File) => void;
  /** The language of the notice. */
  i18n: () => Translator;
}

/**
 * Files dropped anywhere on the host (and those the host passes to `attach`: pasted or picked
 * in the composer) are uploaded, at most MAX_FILES_AT_ONCE at a time; `notice` says which were
 * not sent. The host carries the `dragging` attribute while files are dragged over it.
 */
export class FileDropController implements ReactiveController {
  /** Why some files of the last drop, paste or pick were not sent ('' when all were). */
  notice = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly config: FileDropConfig,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('dragover', this.onDragOver);
    this.host.addEventListener('dragleave', this.onDragLeave);
    this.host.addEventListener('drop', this.onDrop);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('dragover', this.onDragOver);
    this.host.removeEventListener('dragleave', this.onDragLeave);
    this.host.removeEventListener('drop', this.onDrop);
  }

  /** Uploads the files; more than MAX_FILES_AT_ONCE at a time (a drop of a whole folder) are refused with a notice. */
  attach(files: readonly File[]): void {
    const rest = files.slice(MAX_FILES_AT_ONCE);
    this.notice = rest.length
      ? this.config.i18n().t('Only {max} files at a time: {n} not sent ({names})', {
          max: MAX_FILES_AT_ONCE,
          n: rest.length,
          names: `${rest
            .slice(0, 3)
            .map((f) => f.name)
            .join(', ')}${rest.length > 3 ? ', …' : ''}`,
        })
      : '';
    this.host.requestUpdate();
    for (const file of files.slice(0, MAX_FILES_AT_ONCE)) this.config.upload(file);
  }

  private readonly onDragOver = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this.host.toggleAttribute('dragging', true);
  };

  private readonly onDragLeave = (): void => void this.host.toggleAttribute('dragging', false);

  private readonly onDrop = (e: DragEvent): void => {
    this.host.toggleAttribute('dragging', false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    this.attach(files);
  };
}
