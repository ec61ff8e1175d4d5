/**
 * Text from bytes of unknown encoding: UTF-8 when they are valid UTF-8, else Windows-1252 (what
 * German statistical offices' CSV exports often are). Decoded here rather than with Node's
 * TextDecoder('windows-1252'), which is ISO-8859-1 for 0x80–0x9F and turns the en dash 0x96 (the
 * "suppressed" mark of Zensus tables) into a control character.
 */
export function decodeText(bytes: Uint8Array): string {
  if (isAscii(bytes)) return String.fromCharCode(...bytes);
  try {
    return UTF8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function isAscii(bytes: Uint8Array): boolean {
  if (bytes.length > 4096) return false;
  for (let k = 0; k < bytes.length; k++) if (bytes[k] >= 0x80) return false;
  return true;
}

/** Windows-1252 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned and kept as C1 controls). */
const HIGH_CONTROLS = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k];
    text += String.fromCharCode(b >= 0x80 && b < 0xa0 ? HIGH_CONTROLS[b - 0x80] : b);
  }
  return text;
}
