/**
 * Whether `text` is well-formed XML, as far as the files we write go: one root, every tag closed in
 * order, attributes quoted, no bare `&` or `<`. Returns the first problem, or null.
 */
export function xmlProblem(text: string): string | null {
  const body = text.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/^<!DOCTYPE[^>]*>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const token =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  for (let m = token.exec(body); m !== null; m = token.exec(body)) {
    if (m[6]) return `a stray < at ${m.index}`;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(m[5])) return `a bare & at ${m.index}`;
      if (stack.length === 0 && m[5].trim() !== '') return `text outside the root at ${m.index}`;
      continue;
    }
    if (m[0].startsWith('<!--')) continue;
    const [, closing, name, attributes, selfClosing] = m;
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(attributes)) return `a bare & in <${name}>`;
    if (closing) {
      if (stack.pop() !== name) return `</${name}> closes nothing open`;
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length > 0) return `<${stack.at(-1)}> is not closed`;
  return roots === 1 ? null : `${roots} root elements`;
}
