import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { AtomicFileSet } from '../io/files/atomic-write.js';
import type { Lang } from './labels.js';
import { mapImageSvg } from './map-image.js';
import { resolveReportOptions } from './report-input.js';
import { readReportInput } from './run-folder-input.js';

export interface MapImageOptions {
  metric?: string;
  lang?: Lang;
  /** Dead zones with fewer households are not drawn (for maps to publish). */
  minHouseholds?: number;
  force?: boolean;
}

/** Writes the choropleth of a finished run's folder as `.svg`, or `.png` through resvg-js (optional). */
export async function writeMapImage(
  runDir: string,
  image: string,
  given: MapImageOptions = {},
): Promise<string> {
  const kind = extname(image).toLowerCase();
  if (kind !== '.svg' && kind !== '.png')
    throw new InputError('the image must be .svg or .png', { file: image, hint: 'e.g. --image map.svg' });
  if (!given.force && existsSync(image))
    throw new InputError('output exists already', { file: image, hint: 'use --force to overwrite' });
  const { force: _, ...drawing } = given;
  const options = resolveReportOptions(drawing, 'map');
  const svg = mapImageSvg(readReportInput(runDir), options);
  const bytes = kind === '.svg' ? svg : await pngOf(svg, image);
  const files = new AtomicFileSet();
  try {
    files.write(image, [bytes]);
    files.commit();
  } catch (error) {
    files.abort();
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new InputError(`cannot write it (${code})`, { file: image });
    throw error;
  }
  return image;
}

/** The SVG rasterised by resvg-js, an optional dependency (a prebuilt binary from npm). */
async function pngOf(svg: string, image: string): Promise<Uint8Array> {
  let resvg: typeof import('@resvg/resvg-js');
  try {
    resvg = await import('@resvg/resvg-js');
  } catch {
    throw new InputError('PNG needs the optional package @resvg/resvg-js, which is not installed here', {
      file: image,
      hint: 'write .svg instead, or npm install @resvg/resvg-js',
    });
  }
  const renderer = new resvg.Resvg(svg, {
    fitTo: { mode: 'width', value: 2000 },
    font: { loadSystemFonts: true },
  });
  return renderer.render().asPng();
}
