// The letter's HTML comes from our own server, but it carries text from the patient's record; only
// plain document markup is kept so nothing in it can run script or load from elsewhere.

const ALLOWED = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'STRONG',
  'EM',
  'B',
  'I',
  'BR',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'DIV',
  'SPAN',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
  'CAPTION',
  'DL',
  'DT',
  'DD',
  'ABBR',
  'SMALL',
  'BLOCKQUOTE',
  'HR',
  'MAIN',
  'ADDRESS',
  'TIME',
  'CITE',
]);
const ATTRS = new Set(['class', 'lang', 'title', 'scope', 'colspan', 'rowspan', 'datetime']);

export function sanitizeLetterHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const clean = (node: Element) => {
    for (const child of [...node.children]) {
      if (!ALLOWED.has(child.tagName)) {
        // Unknown wrappers keep their text; active content (script, style, iframe...) goes entirely.
        if (['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'LINK', 'META', 'TITLE', 'HEAD', 'SVG', 'MATH', 'TEMPLATE', 'FORM'].includes(child.tagName))
          child.remove();
        else {
          clean(child);
          child.replaceWith(...child.childNodes);
        }
        continue;
      }
      for (const a of [...child.attributes]) if (!ATTRS.has(a.name)) child.removeAttribute(a.name);
      clean(child);
    }
  };
  clean(doc.body);
  return doc.body.innerHTML;
}
